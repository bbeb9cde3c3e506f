package io.plantwatch.ingest.plc.service;

import io.plantwatch.contracts.event.Source;
import io.plantwatch.ingest.device.service.Device;
import io.plantwatch.ingest.device.service.DeviceChanged;
import io.plantwatch.ingest.plc.config.PlcConfig;
import io.plantwatch.ingest.reading.kafka.ReadingBuffer;
import io.plantwatch.ingest.reading.service.IntakeService;
import io.plantwatch.ingest.reading.service.RejectedPayload;
import io.plantwatch.ingest.reading.service.Sample;
import io.plantwatch.ingest.status.service.DeviceStatusTracker;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.plc4x.java.DefaultPlcDriverManager;
import org.apache.plc4x.java.api.PlcConnectionManager;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one {@link PlcPoller} per enabled modbus-tcp, opcua or s7 device and follows the registry at runtime:
 * a new device is polled at once, a changed one is re-connected with its new settings, a disabled or deleted one
 * stops.
 */
@ApplicationScoped
public class PlcPollingManager implements PlcPoller.Sink {

    private static final Logger LOG = Logger.getLogger(PlcPollingManager.class);

    private final PlcConfig config;
    private final IntakeService intake;
    private final DeviceStatusTracker status;
    private final PlcConnectionManager connections;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService closer;
    private final Map<String, Running> running = new ConcurrentHashMap<>();

    private record Running(PlcPoller poller, ScheduledFuture<?> task) {
    }

    public PlcPollingManager(PlcConfig config, IntakeService intake, DeviceStatusTracker status) {
        this.config = config;
        this.intake = intake;
        this.status = status;
        this.connections = new DefaultPlcDriverManager(PlcPollingManager.class.getClassLoader());
        AtomicInteger n = new AtomicInteger();
        this.scheduler = Executors.newScheduledThreadPool(config.threads(), r -> daemon(r, "plc-poll-" + n.incrementAndGet()));
        this.closer = Executors.newCachedThreadPool(r -> daemon(r, "plc-close"));
    }

    void onDeviceChanged(@Observes DeviceChanged change) {
        Device after = change.after();
        Running old = running.remove(change.deviceId());
        if (old != null) {
            old.task().cancel(false);
            scheduler.execute(old.poller()::close);
        }
        if (after != null && after.enabled() && after.protocol().polled() && !after.channels().isEmpty()) {
            PlcPoller poller = new PlcPoller(after, connections, config, this, closer);
            ScheduledFuture<?> task = scheduler.scheduleAtFixedRate(() -> {
                try {
                    poller.poll();
                } catch (RuntimeException e) {
                    LOG.errorf(e, "device %s: poll crashed", after.id());
                }
            }, 0, after.pollIntervalMs(), TimeUnit.MILLISECONDS);
            running.put(after.id(), new Running(poller, task));
            LOG.infof("polling %s (%s) every %d ms", after.id(), after.protocol().wire(), after.pollIntervalMs());
        }
    }

    /** Ids of the devices being polled. */
    public java.util.Set<String> polling() {
        return java.util.Set.copyOf(running.keySet());
    }

    @Override
    public void sample(Device device, Source source, Sample sample, List<String> channelErrors) {
        try {
            intake.submit(device.id(), source, List.of(sample), null);
        } catch (ReadingBuffer.Full full) {
            LOG.debugf("device %s: poll result skipped, ingest buffer full", device.id());
        }
        if (!channelErrors.isEmpty()) {
            intake.reject(device.id(), source, RejectedPayload.INVALID_PAYLOAD, channelErrors, null);
        }
    }

    @Override
    public void failed(Device device, String reason) {
        status.failed(device.id(), reason);
    }

    void stop(@Observes ShutdownEvent event) {
        running.values().forEach(r -> {
            r.task().cancel(false);
            r.poller().close();
        });
        scheduler.shutdownNow();
        closer.shutdown();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
