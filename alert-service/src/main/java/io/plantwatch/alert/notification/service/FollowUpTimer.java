package io.plantwatch.alert.notification.service;

import io.plantwatch.alert.alarm.messaging.AlarmChangePublisher;
import io.plantwatch.alert.alarm.service.Alarm;
import io.plantwatch.alert.alarm.service.AlarmChanged;
import io.plantwatch.alert.alarm.service.AlarmService;
import io.plantwatch.alert.notification.config.NotifyConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reminders (after T1) and escalation (after T2) of unacknowledged alarms, driven by the clock: each is recorded
 * once per alarm (compare-and-set), published as REMINDED / ESCALATED, and mailed by {@link AlarmNotifier}.
 */
@ApplicationScoped
public class FollowUpTimer {

    private static final Logger LOG = Logger.getLogger(FollowUpTimer.class);
    private static final int BATCH = 500;

    private final AlarmService alarms;
    private final AlarmChangePublisher publisher;
    private final NotifyConfig.Escalation config;
    private final Clock clock;

    public FollowUpTimer(AlarmService alarms, AlarmChangePublisher publisher, NotifyConfig config, Clock clock) {
        this.alarms = alarms;
        this.publisher = publisher;
        this.config = config.escalation();
        this.clock = clock;
    }

    @Scheduled(identity = "alarm-follow-up", delayed = "3s", every = "${plantwatch.alert.notify.escalation.every:15s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            tick();
        } catch (RuntimeException e) {
            LOG.warnf("reminder/escalation run failed (next run retries): %s", e.toString());
        }
    }

    public synchronized void tick() {
        Instant now = clock.instant();
        List<AlarmChanged> changes = new ArrayList<>();
        for (Alarm a : alarms.dueForFollowUp(now.minus(config.reminderAfter()), config.minSeverity(), false, BATCH)) {
            alarms.markReminded(a.id(), now, "not acknowledged " + config.reminderAfter().toMinutes()
                    + " min after it opened").ifPresent(changes::add);
        }
        for (Alarm a : alarms.dueForFollowUp(now.minus(config.escalateAfter()), config.minSeverity(), true, BATCH)) {
            alarms.markEscalated(a.id(), now, "not acknowledged " + config.escalateAfter().toMinutes()
                    + " min after it opened; escalated to " + String.join(", ", config.roles())).ifPresent(changes::add);
        }
        publisher.publish(changes);
    }
}
