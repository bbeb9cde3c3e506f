package io.plantwatch.ingest.status.service;

import io.plantwatch.contracts.event.DeviceStatus;
import io.plantwatch.ingest.device.service.Device;
import io.plantwatch.ingest.device.service.DeviceChanged;
import io.plantwatch.ingest.device.service.DeviceRegistry;
import io.plantwatch.ingest.reading.config.IngestConfig;
import io.plantwatch.ingest.status.kafka.DeviceStatusPublisher;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Online/offline state of every enabled device, from what this instance receives: a device that sent nothing for
 * {@code offline-after-periods} × its expected period is offline; its next sample makes it online. Pollers and
 * serial readers report repeated failures, MQTT devices their own status topic. Each change is published on
 * plant.device-status. Devices without an expected period are only marked by failures and status messages.
 */
@ApplicationScoped
public class DeviceStatusTracker {

    private static final Logger LOG = Logger.getLogger(DeviceStatusTracker.class);

    private final DeviceRegistry registry;
    private final DeviceStatusPublisher publisher;
    private final IngestConfig config;
    private final Map<String, State> states = new ConcurrentHashMap<>();

    public DeviceStatusTracker(DeviceRegistry registry, DeviceStatusPublisher publisher, IngestConfig config) {
        this.registry = registry;
        this.publisher = publisher;
        this.config = config;
    }

    /** What the registry API shows next to a device. */
    public record StatusView(Boolean online, Instant lastSeen, Instant changedAt, String reason) {
    }

    /** A device's samples were accepted; {@code latestSample} is the device time of the newest. */
    public void seen(String deviceId, Instant latestSample) {
        State s = state(deviceId);
        Instant now = Instant.now();
        synchronized (s) {
            s.lastReceived = now;
            if (s.lastSample == null || latestSample.isAfter(s.lastSample)) {
                s.lastSample = latestSample;
            }
            if (!Boolean.TRUE.equals(s.online)) {
                change(deviceId, s, true, now, "sample received");
            }
        }
    }

    /** A poller or serial reader failed repeatedly: offline until the next sample. */
    public void failed(String deviceId, String reason) {
        State s = state(deviceId);
        synchronized (s) {
            if (!Boolean.FALSE.equals(s.online)) {
                change(deviceId, s, false, Instant.now(), reason);
            }
        }
    }

    /** A device announced its own state (MQTT status topic, last will). */
    public void reported(String deviceId, boolean online, String reason) {
        State s = state(deviceId);
        synchronized (s) {
            if (!Boolean.valueOf(online).equals(s.online)) {
                change(deviceId, s, online, Instant.now(), reason);
            }
        }
    }

    public Optional<StatusView> status(String deviceId) {
        State s = states.get(deviceId);
        if (s == null) {
            return Optional.empty();
        }
        synchronized (s) {
            return Optional.of(new StatusView(s.online, s.lastSample, s.changedAt, s.reason));
        }
    }

    @Scheduled(every = "${plantwatch.ingest.status-check-every:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void check() {
        Instant now = Instant.now();
        for (Device d : registry.all()) {
            if (!d.enabled()) {
                continue;
            }
            Optional<Duration> period = d.expectedPeriod();
            if (period.isEmpty()) {
                continue;
            }
            Duration limit = period.get().multipliedBy(config.offlineAfterPeriods());
            State s = state(d.id());
            synchronized (s) {
                Instant reference = s.lastReceived != null ? s.lastReceived : s.trackedSince;
                if (!Boolean.FALSE.equals(s.online) && reference.plus(limit).isBefore(now)) {
                    change(d.id(), s, false, now, (s.lastReceived == null ? "no sample yet after " : "no sample for ")
                            + seconds(limit) + " (" + config.offlineAfterPeriods() + " x " + seconds(period.get()) + ")");
                }
            }
        }
    }

    void onDeviceChanged(@Observes DeviceChanged change) {
        Device after = change.after();
        if (after == null || !after.enabled()) {
            states.remove(change.deviceId());
        } else if (change.before() != null && !change.before().enabled()) {
            states.remove(change.deviceId());
        }
    }

    private State state(String deviceId) {
        return states.computeIfAbsent(deviceId, id -> new State(Instant.now()));
    }

    private void change(String deviceId, State s, boolean online, Instant at, String reason) {
        s.online = online;
        s.changedAt = at;
        s.reason = reason;
        DeviceStatus status = DeviceStatus.of(deviceId, online, s.lastSample, at, reason);
        LOG.infof("device %s is %s: %s", deviceId, online ? "online" : "offline", reason);
        publisher.publish(status).subscribe().with(ok -> { },
                e -> LOG.warnf("device %s: status change not published (%s)", deviceId, e.toString()));
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    private static final class State {
        final Instant trackedSince;
        Instant lastReceived;
        Instant lastSample;
        Boolean online;
        Instant changedAt;
        String reason;

        State(Instant trackedSince) {
            this.trackedSince = trackedSince;
        }
    }
}
