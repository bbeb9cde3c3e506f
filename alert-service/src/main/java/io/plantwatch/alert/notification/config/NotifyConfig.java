package io.plantwatch.alert.notification.config;

import io.plantwatch.contracts.event.Severity;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Set;

/** Notification settings ({@code plantwatch.alert.notify.*}). */
@ConfigMapping(prefix = "plantwatch.alert.notify")
public interface NotifyConfig {

    /** Immediate e-mail only for alarms at or above this severity; lower ones go to digests. */
    @WithDefault("MAJOR")
    Severity immediateMinSeverity();

    /** Users with one of these roles receive the alarms of their sites without following anything. */
    @WithDefault("admin")
    Set<String> recipientRoles();

    /** Base of the alarm links in e-mails: links are {dashboard-url}/alarms/{id}. */
    @WithDefault("http://127.0.0.1:8080")
    String dashboardUrl();

    /** Per-recipient limit of immediate e-mails. */
    RateLimit rateLimit();

    /** Reminders and escalation of unacknowledged alarms. */
    Escalation escalation();

    /** Scheduled digests. */
    Digest digest();

    /** The mail outbox. */
    Outbox outbox();

    interface RateLimit {
        /** At most this many immediate e-mails per recipient within {@link #window()}; the rest go to the digest. */
        @WithDefault("10")
        int maxImmediate();

        /** Sliding window of the limit. */
        @WithDefault("PT1H")
        Duration window();
    }

    interface Escalation {
        /** An alarm still unacknowledged this long after it opened triggers a reminder to its recipients. */
        @WithDefault("PT30M")
        Duration reminderAfter();

        /** An alarm still unacknowledged this long after it opened escalates to the next recipient level. */
        @WithDefault("PT1H")
        Duration escalateAfter();

        /** Only alarms at or above this severity get reminders and escalations. */
        @WithDefault("MAJOR")
        Severity minSeverity();

        /** The next recipient level: users with these roles responsible for the alarm's site. */
        @WithDefault("admin")
        Set<String> roles();

        /** How often the reminder timer runs, e.g. 15s. */
        @WithDefault("15s")
        String every();
    }

    interface Digest {
        /** Quartz cron of the digest run ("off" disables it). */
        @WithDefault("0 0 * * * ?")
        String cron();

        /** Anomalies below this severity are left out of digests (INFO verdicts are history only). */
        @WithDefault("WARNING")
        Severity minAnomalySeverity();

        /** The first digest of a recipient covers at most this much of the past. */
        @WithDefault("PT1H")
        Duration initialLookback();

        /** Items listed per device; counts stay complete beyond it. */
        @WithDefault("100")
        int maxItemsPerDevice();

        /** Events younger than this wait for the next digest (lets concurrent writes settle). */
        @WithDefault("PT2S")
        Duration settle();
    }

    interface Outbox {
        /** How often the sender looks for queued mail, e.g. 1s. */
        @WithDefault("1s")
        String every();

        /** Mails sent per run at most (the rest wait for the next run). */
        @WithDefault("200")
        int batch();

        /** Delay before the first retry; doubles per failed attempt. */
        @WithDefault("PT5S")
        Duration initialBackoff();

        /** Longest delay between retries. */
        @WithDefault("PT5M")
        Duration maxBackoff();

        /** A mail is given up (state FAILED) after this many failed attempts. */
        @WithDefault("40")
        int maxAttempts();

        /** Longest wait for the SMTP server per mail. */
        @WithDefault("PT30S")
        Duration sendTimeout();

        /** A mail claimed by a sender that died is taken over after this. */
        @WithDefault("PT2M")
        Duration lease();
    }
}
