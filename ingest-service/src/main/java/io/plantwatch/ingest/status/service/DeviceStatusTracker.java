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
import org.apache.kafka.common.utils.Utils;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Online/offline state of every enabled device. Liveness is a single-owner decision across ingest instances: the
 * gateway spreads a device's samples over the instances, so no instance can judge silence from what it received
 * itself. Each instance learns "sample accepted" from plant.readings in the ingest-wide liveness consumer group
 * ({@link #live}) and times out only the devices whose partition it owns ({@link #partitionsAssigned}): a device
 * that sent nothing for {@code offline-after-periods} × its expected period is offline, its next sample makes it
 * online. A new owner waits one offline limit from the takeover before it judges a device. Pollers and serial readers
 * report repeated failures, MQTT devices their own status topic: these stay local to the instance that talks to the
 * device, which also reports the device back online when its own samples flow again. Each change is published on
 * plant.device-status. Devices without an expected period are only marked by failures and status messages.
 */
@ApplicationScoped
public class DeviceStatusTracker {

    private static final Logger LOG = Logger.getLogger(DeviceStatusTracker.class);

    private final DeviceRegistry registry;
    private final DeviceStatusPublisher publisher;
    private final IngestConfig config;
    private final Map<String, State> states = new ConcurrentHashMap<>();
    /** plant.readings partitions this instance owns in the liveness group, and since when. */
    private final Map<Integer, Instant> ownedSince = new ConcurrentHashMap<>();
    private volatile int partitionCount;

    public DeviceStatusTracker(DeviceRegistry registry, DeviceStatusPublisher publisher, IngestConfig config) {
        this.registry = registry;
        this.publisher = publisher;
        this.config = config;
    }

    /** What the registry API shows next to a device. */
    public record StatusView(Boolean online, Instant lastSeen, Instant changedAt, String reason) {
    }

    /**
     * This instance accepted samples of a device (HTTP, MQTT, polling, serial): only for the view and to report a
     * device back online after a failure or status message of its own; liveness comes from {@link #live}.
     */
    public void seen(String deviceId, Instant latestSample) {
        State s = state(deviceId);
        synchronized (s) {
            if (s.lastSample == null || latestSample.isAfter(s.lastSample)) {
                s.lastSample = latestSample;
            }
            if (Boolean.FALSE.equals(s.online) && s.offlineLocally) {
                change(deviceId, s, true, Instant.now(), "sample received", false);
            }
        }
    }

    /**
     * Samples of devices in the partitions this instance owns, as read from plant.readings (whichever instance accepted
     * them), with each device's newest device time (epoch ms). Judged by the time they are read here, not by the record
     * time: a consumer that lags behind delays an offline verdict instead of raising a false one.
     */
    public void live(Map<String, Long> newestSampleByDevice) {
        Instant now = Instant.now();
        newestSampleByDevice.forEach((deviceId, sampleMillis) -> {
            State s = state(deviceId);
            Instant sampleTime = Instant.ofEpochMilli(sampleMillis);
            synchronized (s) {
                s.lastReceived = now;
                if (s.lastSample == null || sampleTime.isAfter(s.lastSample)) {
                    s.lastSample = sampleTime;
                }
                if (!Boolean.TRUE.equals(s.online)) {
                    change(deviceId, s, true, now, "sample received", false);
                }
            }
        });
    }

    /** This instance now owns these partitions: it judges their devices' silence, after a grace of one offline limit. */
    public void partitionsAssigned(Collection<Integer> partitions, int partitionCount) {
        this.partitionCount = partitionCount;
        Instant now = Instant.now();
        partitions.forEach(p -> ownedSince.putIfAbsent(p, now));
        LOG.infof("liveness: owns partitions %s of %d", ownedPartitions(), partitionCount);
    }

    public void partitionsRevoked(Collection<Integer> partitions) {
        partitions.forEach(ownedSince::remove);
    }

    /** The plant.readings partitions whose devices this instance times out. */
    public Set<Integer> ownedPartitions() {
        return new TreeSet<>(ownedSince.keySet());
    }

    /** A poller or serial reader failed repeatedly: offline until the next sample. */
    public void failed(String deviceId, String reason) {
        State s = state(deviceId);
        synchronized (s) {
            if (!Boolean.FALSE.equals(s.online)) {
                change(deviceId, s, false, Instant.now(), reason, true);
            }
        }
    }

    /** A device announced its own state (MQTT status topic, last will). */
    public void reported(String deviceId, boolean online, String reason) {
        State s = state(deviceId);
        synchronized (s) {
            if (!Boolean.valueOf(online).equals(s.online)) {
                change(deviceId, s, online, Instant.now(), reason, !online);
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
            Instant owned = ownedSince(d.id());
            if (owned == null) {
                continue;
            }
            Duration limit = period.get().multipliedBy(config.offlineAfterPeriods());
            State s = state(d.id());
            synchronized (s) {
                if (s.lastReceived == null && limit.compareTo(config.firstSampleGrace()) < 0) {
                    // pollers connect and devices reconnect after an ingest start: no OFFLINE mail for that
                    limit = config.firstSampleGrace();
                }
                Instant reference = s.lastReceived != null ? s.lastReceived : s.trackedSince;
                if (owned.isAfter(reference)) {
                    reference = owned;
                }
                if (!Boolean.FALSE.equals(s.online) && reference.plus(limit).isBefore(now)) {
                    String reason = s.lastReceived == null ? "no sample yet after " + seconds(limit)
                            : "no sample for " + seconds(limit) + " (" + config.offlineAfterPeriods() + " x "
                                    + seconds(period.get()) + ")";
                    change(d.id(), s, false, now, reason, false);
                }
            }
        }
    }

    /** Since when this instance owns the device's partition (the producer's default partitioner), or null. */
    private Instant ownedSince(String deviceId) {
        int partitions = partitionCount;
        if (partitions <= 0 || ownedSince.isEmpty()) {
            return null;
        }
        int partition = Utils.toPositive(Utils.murmur2(deviceId.getBytes(java.nio.charset.StandardCharsets.UTF_8))) % partitions;
        return ownedSince.get(partition);
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

    private void change(String deviceId, State s, boolean online, Instant at, String reason, boolean local) {
        s.online = online;
        s.offlineLocally = !online && local;
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
        /** Offline from a failure or status message seen by this instance (not from the owner's timeout). */
        boolean offlineLocally;

        State(Instant trackedSince) {
            this.trackedSince = trackedSince;
        }
    }
}
