package io.plantwatch.alert.alarm.service;

import io.plantwatch.alert.alarm.config.AlarmConfig;
import io.plantwatch.alert.alarm.messaging.AlarmChangePublisher;
import io.plantwatch.alert.alarm.repository.AlarmEntity;
import io.plantwatch.alert.alarm.repository.AlarmRepository;
import io.plantwatch.alert.alarm.repository.DeviceSettingsEntity;
import io.plantwatch.alert.directory.service.Directory;
import io.plantwatch.alert.directory.service.DeviceInfo;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The alarm timer: auto-clear after the quiet time (hysteresis), severity rise of persisting alarms, and the relay
 * that re-publishes changes whose plant.alarms event was not confirmed. Driven by the clock, never by new data.
 */
@ApplicationScoped
public class AlarmTimers {

    private static final Logger LOG = Logger.getLogger(AlarmTimers.class);
    private static final int BATCH = 1000;

    private final AlarmRepository alarms;
    private final AlarmService service;
    private final DeviceSettingsService settings;
    private final Directory directory;
    private final AlarmChangePublisher publisher;
    private final AlarmConfig config;
    private final Clock clock;

    public AlarmTimers(AlarmRepository alarms, AlarmService service, DeviceSettingsService settings, Directory directory,
            AlarmChangePublisher publisher, AlarmConfig config, Clock clock) {
        this.alarms = alarms;
        this.service = service;
        this.settings = settings;
        this.directory = directory;
        this.publisher = publisher;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(identity = "alarm-timers", delayed = "3s", every = "${plantwatch.alert.timers.every:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            tick();
        } catch (RuntimeException e) {
            LOG.warnf("alarm timer run failed (next run retries): %s", e.toString());
        }
    }

    /** One run of the timer at the clock's current time. */
    public synchronized void tick() {
        Instant now = clock.instant();
        List<AlarmChanged> changes = new ArrayList<>();
        changes.addAll(autoClear(now));
        if (config.severityEscalation().enabled()) {
            changes.addAll(raisePersisting(now));
        }
        publisher.publish(changes);
        republishUnconfirmed(now);
    }

    private List<AlarmChanged> autoClear(Instant now) {
        List<AlarmChanged> changes = new ArrayList<>();
        Map<String, Optional<DeviceSettingsEntity>> deviceSettings = new HashMap<>();
        Map<String, DeviceInfo> devices = new HashMap<>();
        for (AlarmEntity a : alarms.activeQuietSince(now.minus(config.hysteresis().minClearAfter()),
                AlarmService.SILENCE_TYPES, BATCH)) {
            DeviceSettingsEntity s = deviceSettings.computeIfAbsent(a.deviceId, id -> Optional.ofNullable(settings.stored(id)))
                    .orElse(null);
            DeviceInfo device = devices.computeIfAbsent(a.deviceId, directory::device);
            Duration quiet = settings.quietTime(a.deviceId, a.channel, a.flapLevel, s, device);
            if (!a.lastAnomalyAt.plus(quiet).isAfter(now)) {
                String reason = "no anomaly for " + human(quiet) + (a.flapLevel > 0 ? " (flapping: quiet time x"
                        + (quiet.toMillis() / Math.max(1, settings.quietTime(a.deviceId, a.channel, 0, s, device).toMillis())) + ")" : "");
                service.clearOne(a, AlarmService.SYSTEM, reason, now, a.lastAnomalyAt).ifPresent(changes::add);
            }
        }
        return changes;
    }

    private List<AlarmChanged> raisePersisting(Instant now) {
        List<AlarmChanged> changes = new ArrayList<>();
        for (AlarmEntity a : alarms.activeAtSeveritySince(now.minus(config.severityEscalation().after()),
                config.severityEscalation().max().ordinal(), BATCH)) {
            boolean silence = AlarmService.SILENCE_TYPES.contains(a.type);
            Duration baseQuiet = settings.quietTime(a.deviceId, a.channel, 0, settings.stored(a.deviceId),
                    directory.device(a.deviceId));
            if (silence || a.lastAnomalyAt.plus(baseQuiet).isAfter(now)) { // still firing, not fading out
                service.raiseForPersistence(a, now).ifPresent(changes::add);
            }
        }
        return changes;
    }

    private void republishUnconfirmed(Instant now) {
        List<AlarmEntity> dirty = alarms.dirtyBefore(now.minus(config.timers().republishAfter()), BATCH);
        if (!dirty.isEmpty()) {
            LOG.infof("re-publishing %d alarm change(s) whose event was not confirmed", dirty.size());
            publisher.republish(dirty);
        }
    }

    static String human(Duration d) {
        long s = d.toSeconds();
        if (s % 3600 == 0 && s >= 3600) {
            return (s / 3600) + " h";
        }
        if (s % 60 == 0 && s >= 60) {
            return (s / 60) + " min";
        }
        return s + " s";
    }
}
