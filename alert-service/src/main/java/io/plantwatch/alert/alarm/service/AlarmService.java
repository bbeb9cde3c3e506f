package io.plantwatch.alert.alarm.service;

import io.plantwatch.alert.alarm.config.AlarmConfig;
import io.plantwatch.alert.alarm.messaging.AlarmChangePublisher;
import io.plantwatch.alert.alarm.repository.AlarmEntity;
import io.plantwatch.alert.alarm.repository.AlarmHistoryEntity;
import io.plantwatch.alert.alarm.repository.AlarmHistoryRepository;
import io.plantwatch.alert.alarm.repository.AlarmRepository;
import io.plantwatch.alert.directory.service.Directory;
import io.plantwatch.alert.directory.service.DeviceInfo;
import io.plantwatch.contracts.api.ApiException;
import io.plantwatch.contracts.event.AlarmChange;
import io.plantwatch.contracts.event.AlarmStatus;
import io.plantwatch.contracts.event.AnomalyEvent;
import io.plantwatch.contracts.event.AnomalyType;
import io.plantwatch.contracts.event.DeviceEvent;
import io.plantwatch.contracts.event.DeviceStatus;
import io.plantwatch.contracts.event.Severity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import org.bson.conversions.Bson;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;
import static com.mongodb.client.model.Sorts.descending;
import static com.mongodb.client.model.Sorts.orderBy;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.max;
import static com.mongodb.client.model.Updates.set;
import static com.mongodb.client.model.Updates.setOnInsert;

/**
 * Alarm lifecycle: anomalies fold into one active alarm per device + channel + type (deterministic ids, atomic
 * upserts, compare-and-set updates: safe under concurrency without transactions); acknowledge, clear, assign and
 * comment, each recorded in the history and published.
 */
@ApplicationScoped
public class AlarmService {

    public static final String SYSTEM = "system";
    /** Alarm types that mean "no data": they end when data arrives again, not after a quiet time. */
    public static final List<String> SILENCE_TYPES = List.of(AnomalyType.MISSING.name(), AnomalyType.OFFLINE.name());

    private static final int MAX_ATTEMPTS = 20;
    /** The revision an alarm has right after the fold that created it. */
    private static final long CREATION_REVISION = 1L;

    private final AlarmRepository alarms;
    private final AlarmHistoryRepository history;
    private final Directory directory;
    private final AlarmConfig config;
    private final AlarmChangePublisher publisher;
    private final Event<AnomalyAccepted> accepted;
    private final Clock clock;

    public AlarmService(AlarmRepository alarms, AlarmHistoryRepository history, Directory directory, AlarmConfig config,
            AlarmChangePublisher publisher, Event<AnomalyAccepted> accepted, Clock clock) {
        this.alarms = alarms;
        this.history = history;
        this.directory = directory;
        this.config = config;
        this.publisher = publisher;
        this.accepted = accepted;
        this.clock = clock;
    }

    /**
     * The alarm changes an anomaly causes (not yet published: the caller publishes a batch at once). Empty for a
     * replayed anomaly and for one below the alarm severity. Safe under concurrency. Exactly once in effect without
     * transactions: the alarm fold comes first and carries the anomaly id (a replay of a folded anomaly is
     * recognised by the alarm), the "processed" mark comes last (a replay of a completed anomaly stops there).
     */
    public List<AlarmChanged> onAnomaly(AnomalyEvent anomaly) {
        if (anomaly.severity().compareTo(config.minAlarmSeverity()) < 0 || alarms.isProcessed(anomaly.id())) {
            return List.of();
        }
        List<AlarmChanged> changes = applyAnomaly(anomaly);
        alarms.markProcessed(anomaly.id(), clock.instant());
        return changes;
    }

    /**
     * Everything {@link #onAnomaly} does except the final "processed" mark: what a crash (kill -9) right before the
     * mark leaves behind. Idempotent: applying the same anomaly again neither counts it twice nor mails twice (the
     * creation it caused is announced again with the same revision, which the mail outbox and the history accept
     * once).
     */
    public List<AlarmChanged> applyAnomaly(AnomalyEvent anomaly) {
        if (anomaly.severity().compareTo(config.minAlarmSeverity()) < 0) {
            return List.of();
        }
        DeviceInfo device = directory.device(anomaly.deviceId());
        boolean silence = SILENCE_TYPES.contains(anomaly.type().name());
        if (silence && !device.enabled()) {
            return List.of(); // a disabled device is expected to be silent
        }
        Instant now = clock.instant();
        accepted.fire(new AnomalyAccepted(anomaly, device, now)); // the journal keeps each anomaly id once
        String channel = anomaly.channel() == null ? AnomalyEvent.ALL_CHANNELS : anomaly.channel();
        List<AlarmChanged> changes = new ArrayList<>();
        if (!silence) {
            // a verdict on a sample proves that samples of this channel arrive again
            changes.addAll(clearAll(alarms.activeOf(device.deviceId(), SILENCE_TYPES, null).stream()
                    .filter(a -> AnomalyType.OFFLINE.name().equals(a.type) || channel.equals(a.channel)).toList(),
                    "samples of " + channel + " arrive again", now));
        }
        Instant seen = anomaly.ts() == null ? now : anomaly.ts();
        changes.addAll(fold(device, channel, anomaly.type(), anomaly.severity(), seen, anomaly.value(),
                anomaly.expectedLow(), anomaly.expectedHigh(), anomaly.message(), anomaly.id(), now));
        return changes;
    }

    /** Offline opens (or updates) the device's OFFLINE alarm; online clears its OFFLINE and MISSING alarms. */
    public List<AlarmChanged> onDeviceStatus(DeviceStatus status) {
        DeviceInfo device = directory.device(status.deviceId());
        Instant now = clock.instant();
        Instant at = status.at() == null ? now : status.at();
        if (status.online()) {
            return clearAll(alarms.activeOf(status.deviceId(), SILENCE_TYPES, null),
                    "device back online" + (status.reason() == null ? "" : ": " + status.reason()), now);
        }
        if (!device.enabled()) {
            return List.of();
        }
        String statusId = "status|" + status.deviceId() + "|offline|" + at.toEpochMilli();
        if (alarms.isProcessed(statusId)) {
            return List.of();
        }
        String message = "device " + device.name() + " is offline"
                + (status.reason() == null ? "" : ": " + status.reason());
        List<AlarmChanged> changes = fold(device, AnomalyEvent.ALL_CHANNELS, AnomalyType.OFFLINE,
                config.offlineSeverity(), at, null, null, null, message, statusId, now);
        alarms.markProcessed(statusId, now);
        return changes;
    }

    /** A deleted device's open alarms are cleared: nobody can act on them any more. */
    void onDeviceChange(@Observes DeviceEvent event) {
        if (event.deleted()) {
            publisher.publish(clearAll(alarms.activeOf(event.deviceId(), null, null), "device deleted", clock.instant()));
        }
    }

    private List<AlarmChanged> fold(DeviceInfo device, String channel, AnomalyType type, Severity severity,
            Instant seen, Double value, Double expectedLow, Double expectedHigh, String message, String foldId,
            Instant now) {
        String slot = device.deviceId() + "|" + channel + "|" + type;
        DeviceInfo.ChannelInfo channelInfo = device.channel(channel);
        double distance = distance(value, expectedLow, expectedHigh);
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            AlarmRepository.SlotState state = alarms.slot(slot);
            if (state.generation() > 1) {
                // folded before a crash, and the alarm was cleared since: the replay must not open a new one
                Optional<AlarmEntity> earlier = alarms.holding(slot + "#" + (state.generation() - 1), foldId);
                if (earlier.isPresent()) {
                    return afterFold(earlier.get(), slot, severity, value, distance, foldId, true, now);
                }
            }
            String alarmId = slot + "#" + state.generation();
            Instant flapSince = now.minus(config.flapping().window());
            int flapLevel = (int) state.openings().stream().filter(t -> t.isAfter(flapSince)).count();
            Bson onInsert = combine(setOnInsert("slot", slot), setOnInsert("generation", state.generation()),
                    setOnInsert("deviceId", device.deviceId()), setOnInsert("deviceName", device.name()),
                    setOnInsert("site", device.site()), setOnInsert("line", device.line()),
                    setOnInsert("channel", channel), setOnInsert("unit", channelInfo == null ? null : channelInfo.unit()),
                    setOnInsert("type", type.name()), setOnInsert("severityRank", severity.ordinal()),
                    setOnInsert("severitySince", now), setOnInsert("acknowledged", false),
                    setOnInsert("firstSeen", seen), setOnInsert("createdAt", now), setOnInsert("peakValue", value),
                    setOnInsert("peakDistance", value == null ? null : distance), setOnInsert("flapLevel", flapLevel));
            Bson onEveryFold = combine(max("peakSeverityRank", severity.ordinal()), max("lastSeen", seen),
                    set("lastValue", value), set("message", message), set("expectedLow", expectedLow),
                    set("expectedHigh", expectedHigh), set("lastAnomalyAt", now),
                    AlarmRepository.changeMarks(AlarmChange.UPDATED.name(), SYSTEM, now));
            AlarmRepository.FoldResult result = alarms.fold(alarmId, foldId, onInsert, onEveryFold);
            if (result instanceof AlarmRepository.FoldResult.Folded f) {
                return afterFold(f.alarm(), slot, severity, value, distance, foldId, false, now);
            }
            if (result instanceof AlarmRepository.FoldResult.AlreadyFolded f) {
                return afterFold(f.alarm(), slot, severity, value, distance, foldId, true, now);
            }
            if (result instanceof AlarmRepository.FoldResult.Cleared) {
                alarms.nextGeneration(slot, state.generation());
            }
        }
        throw new IllegalStateException("alarm slot " + slot + " kept changing; gave up after " + MAX_ATTEMPTS + " attempts");
    }

    /**
     * The steps after a fold, each idempotent, so that a replay ({@code replay}: the alarm already held the anomaly)
     * completes what a crash interrupted: the opening is recorded once (by the alarm's creation time), the creation
     * is announced again as revision 1 (the history entry and the mails of that revision exist at most once), the
     * severity rise is a compare-and-set, the peak only ever grows. A replayed plain fold announces nothing: its
     * count is already in the alarm, and an unconfirmed plant.alarms event is re-sent by the alarm timer. A replay
     * into an alarm cleared meanwhile announces nothing either.
     */
    private List<AlarmChanged> afterFold(AlarmEntity a, String slot, Severity severity, Double value, double distance,
            String foldId, boolean replay, Instant now) {
        List<AlarmChanged> changes = new ArrayList<>();
        boolean created = foldId.equals(a.openingAnomalyId);
        if (replay && !a.active) {
            return changes; // cleared since: its story is told, a late announcement would only confuse
        }
        if (created) {
            alarms.recordOpening(slot, a.createdAt);
            String note = a.flapLevel > 0 ? "re-raised; opened " + (a.flapLevel + 1) + " times within "
                    + config.flapping().window().toMinutes() + " min" : null;
            long revision = a.revision;
            if (replay) {
                a.revision = CREATION_REVISION; // the creation as it was announced (or should have been)
            }
            changes.add(recorded(a, AlarmChange.CREATED, "CREATED", SYSTEM, replay ? a.createdAt : now, note, null));
            a.revision = revision;
        } else if (!replay) {
            changes.add(new AlarmChanged(Alarm.of(a), AlarmChange.UPDATED, SYSTEM, now, null, null));
        }
        // the peak first, so that the severity rise's mail shows it
        if (value != null && (a.peakDistance == null || distance > a.peakDistance)) {
            alarms.raisePeak(a.id, value, distance);
        }
        if (severity.ordinal() > a.severityRank) {
            Severity before = Severity.values()[a.severityRank];
            AlarmEntity raised = alarms.change(a.id, and(eq("active", true), lt("severityRank", severity.ordinal())),
                    combine(set("severityRank", severity.ordinal()), set("severitySince", now),
                            set("raisedBy", foldId), set("raisedFrom", before.ordinal())),
                    AlarmChange.UPDATED.name(), SYSTEM, now);
            if (raised != null) {
                changes.add(recorded(raised, AlarmChange.UPDATED, "SEVERITY_RAISED", SYSTEM, now,
                        before + " → " + severity + ": the anomaly got worse", before));
            }
        } else if (replay && foldId.equals(a.raisedBy) && a.raisedFrom != null) {
            // this anomaly raised the severity before the crash: announce it again (its history entry is written;
            // the mail of a rise is keyed by the severity reached, so it goes out once)
            Severity before = Severity.values()[a.raisedFrom];
            changes.add(new AlarmChanged(Alarm.of(a), AlarmChange.UPDATED, SYSTEM, now,
                    before + " → " + Severity.values()[a.severityRank] + ": the anomaly got worse", before));
        }
        return changes;
    }

    /** How far a value lies outside its expected range (its magnitude when no range is known). */
    static double distance(Double value, Double low, Double high) {
        if (value == null) {
            return 0;
        }
        if (low == null && high == null) {
            return Math.abs(value);
        }
        if (high != null && value > high) {
            return value - high;
        }
        if (low != null && value < low) {
            return low - value;
        }
        return 0;
    }

    // ---------------------------------------------------------------- actions (operator, admin)

    public Alarm acknowledge(String alarmId, String actor, String comment) {
        AlarmEntity a = alarms.change(alarmId, eq("acknowledged", false),
                combine(set("acknowledged", true), set("acknowledgedBy", actor), set("acknowledgedAt", clock.instant())),
                AlarmChange.ACKNOWLEDGED.name(), actor, clock.instant());
        if (a == null) {
            throw existsOr404(alarmId, "alarm " + alarmId + " is already acknowledged");
        }
        return publishOne(recorded(a, AlarmChange.ACKNOWLEDGED, "ACKNOWLEDGED", actor, clock.instant(), blankToNull(comment), null));
    }

    public Alarm clear(String alarmId, String actor, String comment) {
        AlarmEntity a = alarms.findById(alarmId);
        if (a == null) {
            throw ApiException.notFound("alarm " + alarmId);
        }
        String reason = "cleared by " + actor + (blankToNull(comment) == null ? "" : ": " + comment.strip());
        Optional<AlarmChanged> change = clearOne(a, actor, reason, clock.instant(), null);
        if (change.isEmpty()) {
            throw ApiException.conflict("alarm " + alarmId + " is already cleared");
        }
        return publishOne(change.get());
    }

    public Alarm assign(String alarmId, String assignee, String actor) {
        if (directory.userByName(assignee).isEmpty()) {
            throw ApiException.invalid("assignee", "unknown user '" + assignee + "'");
        }
        Instant now = clock.instant();
        AlarmEntity a = alarms.change(alarmId, exists("_id"),
                combine(set("assignee", assignee), set("assignedBy", actor), set("assignedAt", now)),
                AlarmChange.ASSIGNED.name(), actor, now);
        if (a == null) {
            throw ApiException.notFound("alarm " + alarmId);
        }
        return publishOne(recorded(a, AlarmChange.ASSIGNED, "ASSIGNED", actor, now, assignee, null));
    }

    public Alarm comment(String alarmId, String text, String actor) {
        Instant now = clock.instant();
        AlarmEntity a = alarms.change(alarmId, exists("_id"), set("lastCommentAt", now), AlarmChange.COMMENTED.name(),
                actor, now);
        if (a == null) {
            throw ApiException.notFound("alarm " + alarmId);
        }
        return publishOne(recorded(a, AlarmChange.COMMENTED, "COMMENTED", actor, now, text.strip(), null));
    }

    // ---------------------------------------------------------------- timer-driven changes

    /** Clears {@code a} when it is still active and (if given) its last anomaly is still {@code lastAnomalyAt}. */
    public Optional<AlarmChanged> clearOne(AlarmEntity a, String actor, String reason, Instant now, Instant lastAnomalyAt) {
        Bson condition = lastAnomalyAt == null ? eq("active", true)
                : and(eq("active", true), eq("lastAnomalyAt", lastAnomalyAt));
        AlarmEntity cleared = alarms.change(a.id, condition, combine(set("active", false), set("clearedBy", actor),
                set("clearedAt", now), set("clearReason", reason)), AlarmChange.CLEARED.name(), actor, now);
        if (cleared == null) {
            return Optional.empty();
        }
        alarms.nextGeneration(cleared.slot, cleared.generation);
        return Optional.of(recorded(cleared, AlarmChange.CLEARED, "CLEARED", actor, now, reason, null));
    }

    private List<AlarmChanged> clearAll(List<AlarmEntity> active, String reason, Instant now) {
        List<AlarmChanged> changes = new ArrayList<>();
        for (AlarmEntity a : active) {
            clearOne(a, SYSTEM, reason, now, null).ifPresent(changes::add);
        }
        return changes;
    }

    /** Raises a persisting alarm one severity step if it is still at {@code a}'s severity. */
    public Optional<AlarmChanged> raiseForPersistence(AlarmEntity a, Instant now) {
        Severity before = Severity.values()[a.severityRank];
        Severity after = before.next();
        AlarmEntity raised = alarms.change(a.id, and(eq("active", true), eq("severityRank", a.severityRank)),
                combine(set("severityRank", after.ordinal()), set("severitySince", now)), AlarmChange.UPDATED.name(),
                SYSTEM, now);
        if (raised == null) {
            return Optional.empty();
        }
        return Optional.of(recorded(raised, AlarmChange.UPDATED, "SEVERITY_RAISED", SYSTEM, now,
                before + " → " + after + ": persisted for " + config.severityEscalation().after().toMinutes() + " min",
                before));
    }

    /** Records the reminder of an unacknowledged alarm (once); the change, when this call made it. */
    public Optional<AlarmChanged> markReminded(String alarmId, Instant now, String note) {
        AlarmEntity a = alarms.change(alarmId, and(eq("active", true), eq("acknowledged", false), eq("remindedAt", null)),
                set("remindedAt", now), AlarmChange.REMINDED.name(), SYSTEM, now);
        return Optional.ofNullable(a).map(x -> recorded(x, AlarmChange.REMINDED, "REMINDED", SYSTEM, now, note, null));
    }

    /** Records the escalation of an unacknowledged alarm (once); the change, when this call made it. */
    public Optional<AlarmChanged> markEscalated(String alarmId, Instant now, String note) {
        AlarmEntity a = alarms.change(alarmId, and(eq("active", true), eq("acknowledged", false), eq("escalatedAt", null)),
                set("escalatedAt", now), AlarmChange.ESCALATED.name(), SYSTEM, now);
        return Optional.ofNullable(a).map(x -> recorded(x, AlarmChange.ESCALATED, "ESCALATED", SYSTEM, now, note, null));
    }

    // ---------------------------------------------------------------- queries

    public AlarmPage list(AlarmQuery q) {
        List<Bson> filters = new ArrayList<>();
        if (q.deviceId() != null) {
            filters.add(eq("deviceId", q.deviceId()));
        }
        if (q.site() != null) {
            filters.add(eq("site", q.site()));
        }
        if (q.active() != null) {
            filters.add(eq("active", q.active()));
        }
        if (!q.statuses().isEmpty()) {
            filters.add(or(q.statuses().stream().map(s -> and(eq("active", s.active()), eq("acknowledged", s.acknowledged())))
                    .toList()));
        }
        if (!q.severities().isEmpty()) {
            filters.add(in("severityRank", q.severities().stream().map(Enum::ordinal).toList()));
        }
        if (q.minSeverity() != null) {
            filters.add(gte("severityRank", q.minSeverity().ordinal()));
        }
        if (q.to() != null) {
            filters.add(lt("firstSeen", q.to()));
        }
        if (q.from() != null) {
            filters.add(or(eq("clearedAt", null), gte("clearedAt", q.from())));
        }
        Bson filter = filters.isEmpty() ? new org.bson.Document() : and(filters);
        List<Alarm> items = alarms.find(filter, orderBy(descending("lastSeen"), descending("_id")), q.page() * q.size(),
                q.size()).stream().map(Alarm::of).toList();
        return new AlarmPage(items, alarms.count(filter));
    }

    public AlarmDetail get(String alarmId) {
        AlarmEntity a = alarms.findById(alarmId);
        if (a == null) {
            throw ApiException.notFound("alarm " + alarmId);
        }
        return new AlarmDetail(Alarm.of(a), history.ofAlarm(alarmId).stream().map(AlarmHistoryEntry::of).toList());
    }

    /** Recorded changes in [from, to), oldest first, at most {@code limit}. */
    public List<RecordedChange> changesBetween(Instant from, Instant to, int limit) {
        return history.between(from, to, limit).stream().map(RecordedChange::of).toList();
    }

    /**
     * Active, unacknowledged alarms at or above {@code minSeverity} opened at or before {@code openedBefore} that
     * were not yet reminded (or, with {@code forEscalation}, not yet escalated).
     */
    public List<Alarm> dueForFollowUp(Instant openedBefore, Severity minSeverity, boolean forEscalation, int limit) {
        return alarms.unacknowledgedOpenedBefore(openedBefore, minSeverity.ordinal(),
                forEscalation ? "escalatedAt" : "remindedAt", limit).stream().map(Alarm::of).toList();
    }

    public Optional<Alarm> find(String alarmId) {
        return Optional.ofNullable(alarms.findById(alarmId)).map(Alarm::of);
    }

    // ---------------------------------------------------------------- helpers

    private AlarmChanged recorded(AlarmEntity a, AlarmChange change, String action, String actor, Instant at, String note,
            Severity previousSeverity) {
        AlarmHistoryEntity h = new AlarmHistoryEntity();
        h.id = a.id + ":" + a.revision;
        h.alarmId = a.id;
        h.revision = a.revision;
        h.deviceId = a.deviceId;
        h.site = a.site;
        h.channel = a.channel;
        h.type = a.type;
        h.action = action;
        h.actor = actor;
        h.at = at;
        h.severity = Severity.values()[a.severityRank].name();
        h.status = AlarmStatus.of(a.active, a.acknowledged).name();
        h.note = note;
        history.record(h);
        return new AlarmChanged(Alarm.of(a), change, actor, at, note, previousSeverity);
    }

    private Alarm publishOne(AlarmChanged change) {
        publisher.publish(List.of(change));
        return change.alarm();
    }

    private ApiException existsOr404(String alarmId, String conflict) {
        return alarms.findById(alarmId) == null ? ApiException.notFound("alarm " + alarmId) : ApiException.conflict(conflict);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
