package io.plantwatch.ingest.simulator.service;

import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;

/**
 * An Arduino voltage monitor on a virtual serial cable: socat joins two ptys, this simulator writes the sketch's
 * line protocol ({@code voltage:229.8,current:1.23}) into one end, and ingest reads the other end with jSerialComm
 * like a real USB serial port. Needs socat; without it this simulator stays off.
 */
public final class ArduinoSimulator implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ArduinoSimulator.class);

    private final Path boardEnd;
    private final Path ingestEnd;
    private final Random random = new Random(11);
    private Process socat;
    private OutputStream out;

    private ArduinoSimulator(Path dir) {
        this.boardEnd = dir.resolve("arduino-board");
        this.ingestEnd = dir.resolve("arduino-ingest");
    }

    /** The socat binary on PATH, if installed. */
    public static Optional<Path> socat() {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(":")) {
            Path candidate = Path.of(dir, "socat");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Starts the pty pair in {@code dir}; empty (with a log line saying what to install) without socat. */
    public static Optional<ArduinoSimulator> start(Path dir) {
        if (socat().isEmpty()) {
            LOG.warn("socat is not installed: the simulated Arduino is off (sudo apt-get install -y socat)");
            return Optional.empty();
        }
        ArduinoSimulator sim = new ArduinoSimulator(dir);
        try {
            Files.createDirectories(dir);
            sim.startSocat();
            return Optional.of(sim);
        } catch (IOException | RuntimeException e) {
            LOG.warnf("simulated Arduino not started: %s", e.toString());
            sim.close();
            return Optional.empty();
        }
    }

    /** The port path ingest opens. */
    public Path ingestEnd() {
        return ingestEnd;
    }

    /** Writes one line as the sketch would; restarts the cable if socat died. */
    public synchronized void tick() {
        try {
            if (socat == null || !socat.isAlive()) {
                startSocat();
            }
            double voltage = 229.5 + random.nextGaussian() * 0.8;
            double current = Math.max(0, 1.2 + random.nextGaussian() * 0.05);
            out.write(String.format(Locale.ROOT, "voltage:%.1f,current:%.2f\n", voltage, current).getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException | RuntimeException e) {
            LOG.debugf("simulated Arduino: %s", e.toString());
            stopSocat();
        }
    }

    private void startSocat() throws IOException {
        stopSocat();
        Files.deleteIfExists(boardEnd);
        Files.deleteIfExists(ingestEnd);
        socat = new ProcessBuilder(List.of(socat().orElseThrow().toString(), "-d", "-d",
                "pty,raw,echo=0,link=" + boardEnd, "pty,raw,echo=0,link=" + ingestEnd))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!(Files.exists(boardEnd) && Files.exists(ingestEnd))) {
            if (System.nanoTime() > deadline || !socat.isAlive()) {
                throw new IOException("socat did not create " + boardEnd + " and " + ingestEnd);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
            }
        }
        out = Files.newOutputStream(boardEnd);
    }

    private void stopSocat() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException ignored) {
                // the pty is going away anyway
            }
            out = null;
        }
        if (socat != null) {
            socat.destroy();
            socat = null;
        }
    }

    @Override
    public synchronized void close() {
        stopSocat();
    }
}
