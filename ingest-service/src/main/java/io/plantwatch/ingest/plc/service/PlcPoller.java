package io.plantwatch.ingest.plc.service;

import io.plantwatch.contracts.event.Source;
import io.plantwatch.ingest.device.service.Device;
import io.plantwatch.ingest.device.service.DeviceChannel;
import io.plantwatch.ingest.plc.config.PlcConfig;
import io.plantwatch.ingest.reading.service.Sample;
import org.apache.plc4x.java.api.PlcConnection;
import org.apache.plc4x.java.api.PlcConnectionManager;
import org.apache.plc4x.java.api.messages.PlcReadRequest;
import org.apache.plc4x.java.api.messages.PlcReadResponse;
import org.apache.plc4x.java.api.types.PlcResponseCode;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Polls one device: holds its PLC4X connection (opening one costs a handshake and closing one ~2 s), reads all
 * tags in one request per poll, converts raw values (scale, offset), and hands the sample on. On failure the
 * connection is dropped (closed in the background) and re-opened with exponential backoff; after
 * {@code offline-after-failures} failures in a row the device is reported offline. Never runs concurrently with
 * itself (one scheduled task per device).
 */
final class PlcPoller {

    private static final Logger LOG = Logger.getLogger(PlcPoller.class);

    /** Where polled samples and failures go. */
    interface Sink {
        void sample(Device device, Source source, Sample sample, List<String> channelErrors);

        void failed(Device device, String reason);
    }

    private final Device device;
    private final String url;
    private final PlcConnectionManager connections;
    private final PlcConfig config;
    private final Sink sink;
    private final Executor closer;
    private final Source source;
    private PlcConnection connection;
    private PlcReadRequest request;
    private int failures;
    private long backoffMs;
    private long nextAttempt;
    private volatile boolean closed;

    PlcPoller(Device device, PlcConnectionManager connections, PlcConfig config, Sink sink, Executor closer) {
        this.device = device;
        this.url = PlcTags.connectionUrl(device, config.requestTimeout());
        this.connections = connections;
        this.config = config;
        this.sink = sink;
        this.closer = closer;
        this.backoffMs = config.reconnectMin().toMillis();
        this.source = switch (device.protocol()) {
            case OPCUA -> Source.OPCUA;
            case S7 -> Source.S7;
            default -> Source.MODBUS;
        };
    }

    Device device() {
        return device;
    }

    synchronized void poll() {
        if (closed || System.nanoTime() < nextAttempt) {
            return;
        }
        try {
            if (connection == null || !connection.isConnected()) {
                dropConnection();
                connection = connections.getConnection(url);
                if (!connection.isConnected()) {
                    connection.connect();
                }
                PlcReadRequest.Builder builder = connection.readRequestBuilder();
                for (DeviceChannel c : device.channels()) {
                    builder.addTagAddress(c.name(), PlcTags.tag(device.protocol(), c));
                }
                request = builder.build();
                LOG.infof("device %s: connected to %s", device.id(), url);
            }
            Instant ts = Instant.now();
            PlcReadResponse response = request.execute().get(config.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
            Map<String, Double> values = new LinkedHashMap<>();
            List<String> errors = new ArrayList<>();
            for (DeviceChannel c : device.channels()) {
                PlcResponseCode code = response.getResponseCode(c.name());
                if (code != PlcResponseCode.OK) {
                    errors.add(c.name() + ": " + code);
                    continue;
                }
                Double raw = PlcTags.toDouble(response.getObject(c.name()));
                if (raw == null) {
                    errors.add(c.name() + ": not a number (" + response.getObject(c.name()) + ")");
                    continue;
                }
                double value = c.engineering(raw);
                if (!Double.isFinite(value)) {
                    errors.add(c.name() + ": must be a finite number, got " + value);
                    continue;
                }
                values.put(c.name(), value);
            }
            if (values.isEmpty()) {
                throw new IllegalStateException("no tag could be read: " + String.join("; ", errors));
            }
            failures = 0;
            backoffMs = config.reconnectMin().toMillis();
            sink.sample(device, source, new Sample(null, ts, values), errors);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            failures++;
            String reason = device.protocol().wire() + ": " + message(e);
            if (failures == 1 || failures == config.offlineAfterFailures()) {
                LOG.warnf("device %s: poll failed (%d in a row): %s", device.id(), failures, reason);
            }
            dropConnection();
            nextAttempt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(backoffMs);
            backoffMs = Math.min(backoffMs * 2, config.reconnectMax().toMillis());
            if (failures == config.offlineAfterFailures()) {
                sink.failed(device, reason + " (" + failures + " failed polls)");
            }
        }
    }

    /** Stops polling and closes the connection in the background. */
    synchronized void close() {
        closed = true;
        dropConnection();
    }

    private void dropConnection() {
        PlcConnection c = connection;
        connection = null;
        request = null;
        if (c != null) {
            closer.execute(() -> {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // already broken
                }
            });
        }
    }

    private static String message(Throwable e) {
        Throwable t = e;
        while ((t instanceof java.util.concurrent.ExecutionException || t.getMessage() == null) && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
}
