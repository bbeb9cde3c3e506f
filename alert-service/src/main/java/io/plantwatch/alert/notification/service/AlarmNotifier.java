package io.plantwatch.alert.notification.service;

import io.plantwatch.alert.alarm.service.Alarm;
import io.plantwatch.alert.alarm.service.AlarmChanged;
import io.plantwatch.alert.directory.service.DeviceInfo;
import io.plantwatch.alert.directory.service.Directory;
import io.plantwatch.alert.directory.service.Recipient;
import io.plantwatch.alert.notification.config.NotifyConfig;
import io.plantwatch.alert.notification.mail.AlarmMailView;
import io.plantwatch.alert.notification.mail.AlarmView;
import io.plantwatch.alert.notification.mail.MailTemplates;
import io.plantwatch.alert.notification.repository.NotificationStore;
import io.plantwatch.alert.notification.repository.OverflowEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Immediate e-mail on alarm changes: a new alarm, a severity rise, a reminder, an assignment (to the recipients
 * whose preference for the severity is "immediate", within their rate limit; over it, the mail goes into their next
 * digest) and an escalation (to the next level, not rate-limited: it is the safety net). Everything else reaches
 * people through the digest.
 */
@ApplicationScoped
public class AlarmNotifier {

    private static final Logger LOG = Logger.getLogger(AlarmNotifier.class);

    private final Directory directory;
    private final PreferenceService preferences;
    private final NotificationStore store;
    private final MailOutbox outbox;
    private final MailLinks links;
    private final NotifyConfig config;
    private final Clock clock;

    public AlarmNotifier(Directory directory, PreferenceService preferences, NotificationStore store, MailOutbox outbox,
            MailLinks links, NotifyConfig config, Clock clock) {
        this.directory = directory;
        this.preferences = preferences;
        this.store = store;
        this.outbox = outbox;
        this.links = links;
        this.config = config;
        this.clock = clock;
    }

    void onChange(@Observes AlarmChanged change) {
        Alarm a = change.alarm();
        String device = a.deviceName();
        String what = ("*".equals(a.channel()) ? "" : a.channel() + " ") + a.type();
        switch (change.change()) {
            case CREATED -> toImmediateRecipients(change, "ALARM",
                    "[PlantWatch] " + a.severity() + " alarm on " + device + ": " + what,
                    "New " + a.severity() + " alarm on " + device);
            case UPDATED -> {
                if (change.severityRaised()) {
                    toImmediateRecipients(change, "RAISED",
                            "[PlantWatch] alarm raised to " + a.severity() + " on " + device + ": " + what,
                            "Alarm on " + device + " raised from " + change.previousSeverity() + " to " + a.severity());
                }
            }
            case REMINDED -> toImmediateRecipients(change, "REMINDER",
                    "[PlantWatch] reminder: " + a.severity() + " alarm on " + device + " is not acknowledged: " + what,
                    "Reminder: this " + a.severity() + " alarm on " + device + " is still not acknowledged");
            case ESCALATED -> escalate(change, "[PlantWatch] escalation: " + a.severity() + " alarm on " + device
                    + " is not acknowledged: " + what);
            case ASSIGNED -> assigned(change, "[PlantWatch] alarm assigned to you: " + a.severity() + " on " + device
                    + ": " + what);
            default -> {
                // acknowledged, cleared, commented, folded anomalies: in the digest
            }
        }
    }

    private void toImmediateRecipients(AlarmChanged change, String kind, String subject, String headline) {
        Alarm a = change.alarm();
        PreferenceService.Resolver modes = preferences.resolver();
        for (Recipient r : directory.concerned(deviceOf(a), config.recipientRoles())) {
            if (modes.mode(r.username(), a.site(), a.severity()) == DeliveryMode.IMMEDIATE) {
                sendLimited(r, change, kind, subject, headline);
            }
        }
    }

    private void assigned(AlarmChanged change, String subject) {
        String assignee = change.alarm().assignee();
        if (assignee == null || assignee.equals(change.actor())) {
            return;
        }
        directory.recipient(assignee).ifPresent(r -> sendLimited(r, change, "ASSIGNED", subject,
                change.actor() + " assigned this alarm to you"));
    }

    private void escalate(AlarmChanged change, String subject) {
        Alarm a = change.alarm();
        List<Recipient> level = directory.recipientsWithAnyRole(config.escalation().roles()).stream()
                .filter(r -> r.coversSite(a.site())).toList();
        if (level.isEmpty()) {
            LOG.warnf("alarm %s escalates, but no user with role %s covers site %s", a.id(), config.escalation().roles(),
                    a.site());
        }
        for (Recipient r : level) {
            enqueue(r, change, "ESCALATION", subject, "Escalation: " + a.severity() + " alarm on " + a.deviceName()
                    + " is still not acknowledged");
        }
    }

    private void sendLimited(Recipient r, AlarmChanged change, String kind, String subject, String headline) {
        String id = mailId(change, r);
        if (outbox.holds(id) || store.overflowed(id)) {
            return; // this change was announced before (a replay after a crash): no second mail, no rate-limit token
        }
        Instant now = clock.instant();
        NotifyConfig.RateLimit limit = config.rateLimit();
        if (store.tryAcquire(r.username(), now, now.minus(limit.window()), limit.maxImmediate())) {
            enqueue(r, change, kind, subject, headline);
            return;
        }
        OverflowEntity o = new OverflowEntity();
        o.id = id;
        o.recipient = r.username();
        o.alarmId = change.alarm().id();
        o.deviceId = change.alarm().deviceId();
        o.subject = subject;
        o.at = now;
        store.recordOverflow(o);
    }

    private void enqueue(Recipient r, AlarmChanged change, String kind, String subject, String headline) {
        Alarm a = change.alarm();
        AlarmMailView view = new AlarmMailView(headline, change.note(), AlarmView.of(a, links.alarm(a.id())));
        outbox.enqueue(new OutgoingMail(mailId(change, r), kind, r.username(), r.email(), subject,
                MailTemplates.alarmText(view).render(), MailTemplates.alarmHtml(view).render(), a.id()));
    }

    /**
     * One mail per recipient and alarm change. A severity rise is keyed by the severity reached (an alarm reaches
     * each severity at most once: it never falls), so announcing the same rise again, e.g. on a replay after a
     * crash, finds the mail already queued.
     */
    private static String mailId(AlarmChanged change, Recipient r) {
        String which = change.severityRaised() ? "raised-" + change.alarm().severity() : Long.toString(change.alarm().revision());
        return "alarm|" + change.alarm().id() + "|" + which + "|" + r.username();
    }

    static DeviceInfo deviceOf(Alarm a) {
        return new DeviceInfo(a.deviceId(), a.deviceName(), a.site(), a.line(), true, List.of());
    }
}
