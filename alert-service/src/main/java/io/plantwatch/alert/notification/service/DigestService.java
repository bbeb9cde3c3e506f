package io.plantwatch.alert.notification.service;

import io.plantwatch.alert.alarm.service.AlarmService;
import io.plantwatch.alert.alarm.service.RecordedChange;
import io.plantwatch.alert.directory.service.Directory;
import io.plantwatch.alert.directory.service.Recipient;
import io.plantwatch.alert.notification.config.NotifyConfig;
import io.plantwatch.alert.notification.mail.DigestView;
import io.plantwatch.alert.notification.mail.MailFormat;
import io.plantwatch.alert.notification.mail.MailTemplates;
import io.plantwatch.alert.notification.repository.JournalEntity;
import io.plantwatch.alert.notification.repository.NotificationStore;
import io.plantwatch.alert.notification.repository.OverflowEntity;
import io.plantwatch.contracts.event.Severity;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The scheduled digest: per recipient, one e-mail listing every anomaly and alarm change since their last digest
 * on the devices they are concerned with (follows, role for the site) at severities they did not set to "none",
 * grouped by device, plus the immediate mails that went over their rate limit. Nothing new: no mail.
 * Each recipient's position is a watermark; a digest is first marked pending [from, until), then queued under a
 * deterministic id, then committed, so a crash or two instances running at once never send it twice.
 */
@ApplicationScoped
public class DigestService {

    private static final Logger LOG = Logger.getLogger(DigestService.class);
    /** Items loaded per run at most (per kind); counts beyond are not shown. */
    private static final int MAX_ITEMS = 50_000;

    private final Directory directory;
    private final AlarmService alarms;
    private final NotificationStore store;
    private final PreferenceService preferences;
    private final MailOutbox outbox;
    private final MailLinks links;
    private final NotifyConfig config;
    private final Clock clock;

    public DigestService(Directory directory, AlarmService alarms, NotificationStore store, PreferenceService preferences,
            MailOutbox outbox, MailLinks links, NotifyConfig config, Clock clock) {
        this.directory = directory;
        this.alarms = alarms;
        this.store = store;
        this.preferences = preferences;
        this.outbox = outbox;
        this.links = links;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(identity = "digest", cron = "${plantwatch.alert.notify.digest.cron:0 0 * * * ?}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            int sent = run();
            LOG.infof("digest run: %d digest(s) queued", sent);
        } catch (RuntimeException e) {
            LOG.errorf(e, "digest run failed; the next run covers the same period");
        }
    }

    /** Builds and queues the digests due now; the number of digests queued. */
    public synchronized int run() {
        Instant cutoff = clock.instant().minus(config.digest().settle());
        List<Recipient> recipients = directory.allRecipients();
        if (recipients.isEmpty()) {
            return 0;
        }
        Map<String, NotificationStore.Watermark> windows = new HashMap<>();
        Instant earliest = cutoff;
        for (Recipient r : recipients) {
            NotificationStore.Watermark w = store.watermark(r.username());
            Instant from = w.pendingFrom() != null ? w.pendingFrom()
                    : w.until() != null ? w.until() : cutoff.minus(config.digest().initialLookback());
            Instant until = w.pendingUntil() != null ? w.pendingUntil() : cutoff;
            if (!from.isBefore(until)) {
                continue;
            }
            windows.put(r.username(), store.begin(r.username(), from, until));
            NotificationStore.Watermark begun = windows.get(r.username());
            if (begun.pendingFrom() != null && begun.pendingFrom().isBefore(earliest)) {
                earliest = begun.pendingFrom();
            }
        }
        Instant latest = windows.values().stream().map(NotificationStore.Watermark::pendingUntil)
                .filter(java.util.Objects::nonNull).max(Comparator.naturalOrder()).orElse(cutoff);
        List<RecordedChange> changes = alarms.changesBetween(earliest, latest, MAX_ITEMS);
        List<JournalEntity> anomalies = store.journalBetween(earliest, latest,
                config.digest().minAnomalySeverity().ordinal(), MAX_ITEMS);
        Map<String, String> deviceNames = new HashMap<>();
        int queued = 0;
        for (Recipient r : recipients) {
            NotificationStore.Watermark w = windows.get(r.username());
            if (w == null || w.pendingFrom() == null || w.pendingUntil() == null) {
                continue;
            }
            if (digestFor(r, w.pendingFrom(), w.pendingUntil(), changes, anomalies, deviceNames)) {
                queued++;
            }
            store.commit(r.username(), w.pendingUntil());
        }
        return queued;
    }

    private boolean digestFor(Recipient r, Instant from, Instant until, List<RecordedChange> allChanges,
            List<JournalEntity> allAnomalies, Map<String, String> deviceNames) {
        Set<String> followed = directory.followedTargets(r.userId());
        PreferenceService.Resolver modes = preferences.resolver();
        Set<String> roles = config.recipientRoles();
        Map<String, List<Item>> byDevice = new LinkedHashMap<>();
        for (JournalEntity a : allAnomalies) {
            if (within(a.at, from, until) && directory.isConcerned(r, a.deviceId, a.site, roles, followed)
                    && modes.mode(r.username(), a.site, Severity.valueOf(a.severity)) != DeliveryMode.NONE) {
                deviceNames.putIfAbsent(a.deviceId, a.deviceName);
                byDevice.computeIfAbsent(a.deviceId, k -> new ArrayList<>()).add(Item.of(a));
            }
        }
        for (RecordedChange c : allChanges) {
            if (within(c.at(), from, until) && directory.isConcerned(r, c.deviceId(), c.site(), roles, followed)
                    && modes.mode(r.username(), c.site(), c.severity()) != DeliveryMode.NONE) {
                byDevice.computeIfAbsent(c.deviceId(), k -> new ArrayList<>()).add(Item.of(c, links.alarm(c.alarmId())));
            }
        }
        List<OverflowEntity> overflow = store.overflowBetween(r.username(), from, until);
        if (byDevice.isEmpty() && overflow.isEmpty()) {
            return false;
        }
        int cap = config.digest().maxItemsPerDevice();
        List<DigestView.DeviceGroup> groups = new ArrayList<>();
        int anomalyCount = 0;
        int changeCount = 0;
        for (Map.Entry<String, List<Item>> e : byDevice.entrySet()) {
            List<Item> items = e.getValue();
            items.sort(Comparator.comparing(Item::at));
            int anomalies = (int) items.stream().filter(i -> !i.change()).count();
            int changes = items.size() - anomalies;
            anomalyCount += anomalies;
            changeCount += changes;
            String name = deviceNames.computeIfAbsent(e.getKey(), id -> directory.device(id).name());
            String site = items.stream().map(Item::site).filter(java.util.Objects::nonNull).findFirst().orElse("-");
            groups.add(new DigestView.DeviceGroup(name, e.getKey(), site, anomalies, changes,
                    items.stream().limit(cap).map(Item::line).toList(), Math.max(0, items.size() - cap)));
        }
        groups.sort(Comparator.comparing(DigestView.DeviceGroup::deviceName));
        List<DigestView.OverflowLine> overflowLines = overflow.stream().map(o -> new DigestView.OverflowLine(
                MailFormat.time(o.at), o.subject, links.alarm(o.alarmId))).toList();
        DigestView view = new DigestView(r.username(), MailFormat.time(from), MailFormat.time(until), groups.size(),
                anomalyCount, changeCount, config.rateLimit().maxImmediate(), human(config.rateLimit().window()),
                overflowLines, groups);
        String subject = "[PlantWatch] digest: " + anomalyCount + " anomalies, " + changeCount + " alarm changes on "
                + groups.size() + " device(s)" + (overflowLines.isEmpty() ? "" : ", " + overflowLines.size()
                + " over your e-mail limit");
        outbox.enqueue(new OutgoingMail("digest|" + r.username() + "|" + from.toEpochMilli() + "|" + until.toEpochMilli(),
                "DIGEST", r.username(), r.email(), subject, MailTemplates.digestText(view).render(),
                MailTemplates.digestHtml(view).render(), null));
        return true;
    }

    private static boolean within(Instant t, Instant from, Instant until) {
        return t != null && !t.isBefore(from) && t.isBefore(until);
    }

    static String human(Duration d) {
        if (d.toMinutes() % 60 == 0 && d.toHours() >= 1) {
            return d.toHours() == 1 ? "hour" : d.toHours() + " hours";
        }
        return d.toMinutes() + " min";
    }

    /** One digest line with what it needs for sorting and grouping. */
    private record Item(Instant at, boolean change, String site, DigestView.Line line) {
        static Item of(JournalEntity a) {
            String channel = "*".equals(a.channel) ? "device" : a.channel;
            String value = a.value == null ? "" : " = " + MailFormat.number(a.value) + (a.unit == null ? "" : " " + a.unit);
            return new Item(a.at, false, a.site, new DigestView.Line(MailFormat.time(a.ts == null ? a.at : a.ts),
                    "anomaly", a.severity, channel + " " + a.type + value, a.message == null ? "" : a.message, null));
        }

        static Item of(RecordedChange c, String link) {
            String channel = "*".equals(c.channel()) ? "device" : c.channel();
            String detail = "by " + c.actor() + (c.note() == null ? "" : ": " + c.note());
            return new Item(c.at(), true, c.site(), new DigestView.Line(MailFormat.time(c.at()), "alarm "
                    + c.action().toLowerCase(java.util.Locale.ROOT).replace('_', ' '), c.severity().name(),
                    channel + " " + c.type() + " (" + c.status() + ")", detail, link));
        }
    }
}
