package io.plantwatch.ingest.serial.service;

import com.fazecast.jSerialComm.SerialPort;
import io.plantwatch.ingest.device.service.Device;
import io.plantwatch.ingest.serial.config.SerialConfig;
import org.jboss.logging.Logger;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BiConsumer;

/**
 * Reads lines from one serial port on its own thread, and survives unplugging: when the port breaks or
 * disappears it is closed, the device reported offline, and re-opened with backoff until it is back.
 */
final class SerialPortReader implements Runnable {

    private static final Logger LOG = Logger.getLogger(SerialPortReader.class);

    /** What the reader reports. */
    interface Listener {
        /** A complete line (without the line end), or an oversized one (then {@code oversized} is true). */
        void line(Device device, String line, boolean oversized);

        void unplugged(Device device, String reason);
    }

    private final Device device;
    private final SerialConfig config;
    private final Listener listener;
    private volatile boolean stopped;
    private volatile SerialPort port;
    private Thread thread;

    SerialPortReader(Device device, SerialConfig config, Listener listener) {
        this.device = device;
        this.config = config;
        this.listener = listener;
    }

    void start() {
        thread = new Thread(this, "serial-" + device.id());
        thread.setDaemon(true);
        thread.start();
    }

    void stop() {
        stopped = true;
        SerialPort p = port;
        if (p != null) {
            p.closePort();
        }
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public void run() {
        String path = device.connection().serialPort();
        long backoff = config.reopenMin().toMillis();
        boolean wasOpen = false;
        while (!stopped) {
            SerialPort p = open(path);
            if (p == null) {
                if (wasOpen) {
                    listener.unplugged(device, "serial: " + path + " is gone");
                    wasOpen = false;
                }
                sleep(backoff);
                backoff = Math.min(backoff * 2, config.reopenMax().toMillis());
                continue;
            }
            port = p;
            backoff = config.reopenMin().toMillis();
            wasOpen = true;
            LOG.infof("device %s: reading %s at %d baud", device.id(), path, device.connection().baud());
            String why = read(p, path);
            p.closePort();
            port = null;
            if (!stopped) {
                LOG.warnf("device %s: %s; re-opening", device.id(), why);
                listener.unplugged(device, "serial: " + why);
                wasOpen = false;
            }
        }
    }

    private SerialPort open(String path) {
        if (!Files.exists(Path.of(path))) {
            return null;
        }
        try {
            SerialPort p = SerialPort.getCommPort(path);
            p.setComPortParameters(device.connection().baud(), 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
            p.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, 500, 0);
            // ptys report error 25 (not a tty ioctl) after opening; harmless, so only the open result counts
            return p.openPort() ? p : null;
        } catch (RuntimeException e) {
            LOG.debugf("device %s: cannot open %s: %s", device.id(), path, e.toString());
            return null;
        }
    }

    /** Reads until the port breaks or the reader stops; returns why it ended. */
    private String read(SerialPort p, String path) {
        byte[] buffer = new byte[4096];
        ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        boolean oversized = false;
        while (!stopped) {
            int n;
            try {
                n = p.readBytes(buffer, buffer.length);
            } catch (RuntimeException e) {
                return "read failed: " + e.getMessage();
            }
            if (n < 0) {
                return path + " was unplugged (read error)";
            }
            if (n == 0) {
                if (!Files.exists(Path.of(path)) || !p.isOpen()) {
                    return path + " was unplugged";
                }
                continue;
            }
            for (int i = 0; i < n; i++) {
                byte b = buffer[i];
                if (b == '\n' || b == '\r') {
                    if (oversized) {
                        listener.line(device, line.toString(StandardCharsets.UTF_8), true);
                    } else if (line.size() > 0) {
                        listener.line(device, line.toString(StandardCharsets.UTF_8), false);
                    }
                    line.reset();
                    oversized = false;
                } else if (line.size() < config.maxLineBytes()) {
                    line.write(b);
                } else {
                    oversized = true;
                }
            }
        }
        return "stopped";
    }

    private void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
        }
    }
}
