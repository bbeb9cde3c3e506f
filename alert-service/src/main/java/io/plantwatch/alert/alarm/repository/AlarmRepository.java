package io.plantwatch.alert.alarm.repository;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.PushOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.ne;
import static com.mongodb.client.model.Filters.nin;
import static com.mongodb.client.model.Filters.or;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.inc;
import static com.mongodb.client.model.Updates.max;
import static com.mongodb.client.model.Updates.pushEach;
import static com.mongodb.client.model.Updates.set;
import static com.mongodb.client.model.Updates.setOnInsert;

/** Alarm documents and the atomic operations on them (single-document atomicity, no transactions). */
@ApplicationScoped
public class AlarmRepository implements PanacheMongoRepositoryBase<AlarmEntity, String> {

    /** Openings kept per slot for flapping detection. */
    private static final int OPENINGS_KEPT = 16;
    static final String RECENT_ANOMALY_IDS = "recentAnomalyIds";
    /**
     * Anomaly ids kept per alarm. Each anomaly is marked processed right after its own fold, so only the one or two
     * in flight per consumer thread at a crash need recognising on replay; 32 leaves room for several instances.
     */
    static final int RECENT_ANOMALY_IDS_KEPT = 32;

    void createIndexes(@Observes StartupEvent event) {
        mongoCollection().createIndex(Indexes.ascending("deviceId", "lastSeen"));
        mongoCollection().createIndex(Indexes.descending("lastSeen"));
        mongoCollection().createIndex(Indexes.ascending("active", "lastAnomalyAt"));
        mongoCollection().createIndex(Indexes.ascending("dirty"));
        mongoDatabase().getCollection("processed_anomalies").createIndex(Indexes.ascending("at"),
                new IndexOptions().expireAfter(7L, TimeUnit.DAYS));
    }

    /** A slot's current generation (created at 1 on first use) and the times its recent alarms opened. */
    public record SlotState(long generation, List<Instant> openings) {
    }

    public SlotState slot(String slot) {
        Document doc = mongoDatabase().getCollection("alarm_slots").findOneAndUpdate(eq("_id", slot),
                setOnInsert("generation", 1L), new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
        List<Instant> openings = new ArrayList<>();
        Object raw = doc.get("openings");
        if (raw instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof Date d) {
                    openings.add(d.toInstant());
                }
            }
        }
        return new SlotState(((Number) doc.get("generation")).longValue(), openings);
    }

    /** Moves the slot to the next generation if it is still at {@code generation} (compare-and-set). */
    public void nextGeneration(String slot, long generation) {
        mongoDatabase().getCollection("alarm_slots").updateOne(and(eq("_id", slot), eq("generation", generation)),
                inc("generation", 1L));
    }

    /**
     * Remembers that an alarm of the slot opened at {@code at} (the latest few are kept); once per opening time, so
     * a replay after a crash does not count the opening twice.
     */
    public void recordOpening(String slot, Instant at) {
        mongoDatabase().getCollection("alarm_slots").updateOne(and(eq("_id", slot), ne("openings", Date.from(at))),
                pushEach("openings", List.of(Date.from(at)), new PushOptions().slice(-OPENINGS_KEPT)));
    }

    /** True when the anomaly (or status event) {@code anomalyId} was completely applied before. */
    public boolean isProcessed(String anomalyId) {
        return mongoDatabase().getCollection("processed_anomalies").find(eq("_id", anomalyId)).first() != null;
    }

    /**
     * Records that {@code anomalyId} is completely applied (its alarm fold and what follows from it). Written last,
     * so a crash before it means a replay re-runs the idempotent steps; the fold itself recognises the id.
     */
    public void markProcessed(String anomalyId, Instant now) {
        try {
            mongoDatabase().getCollection("processed_anomalies").insertOne(new Document("_id", anomalyId).append("at", Date.from(now)));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
    }

    /** The bookkeeping every change carries: a new revision, what changed, and "not yet published". */
    public static Bson changeMarks(String change, String actor, Instant now) {
        return combine(inc("revision", 1L), set("lastChange", change), set("lastActor", actor),
                set("lastChangeAt", now), set("updatedAt", now), set("dirty", true));
    }

    /** What {@link #fold} did. */
    public sealed interface FoldResult {
        /** The anomaly was folded now; the alarm after it. */
        record Folded(AlarmEntity alarm) implements FoldResult {
        }

        /** The alarm already holds this anomaly (a replay after a crash before it was marked processed). */
        record AlreadyFolded(AlarmEntity alarm) implements FoldResult {
        }

        /** The alarm exists but is cleared: the caller moves the slot to its next generation. */
        record Cleared() implements FoldResult {
        }

        /** A concurrent insert won, or the alarm changed meanwhile: retry. */
        record Retry() implements FoldResult {
        }
    }

    /**
     * Folds anomaly {@code anomalyId} into the active alarm {@code alarmId}, creating it when absent, in one atomic
     * update that also remembers the id among the alarm's recent anomaly ids: an alarm that already holds the id
     * does not match, so a replayed anomaly neither counts twice nor (having folded first, marked later) is lost.
     */
    public FoldResult fold(String alarmId, String anomalyId, Bson onInsert, Bson onEveryFold) {
        try {
            AlarmEntity after = mongoCollection().findOneAndUpdate(
                    and(eq("_id", alarmId), ne("active", false), ne(RECENT_ANOMALY_IDS, anomalyId)),
                    combine(onInsert, setOnInsert("openingAnomalyId", anomalyId), onEveryFold, set("active", true),
                            inc("count", 1L), pushEach(RECENT_ANOMALY_IDS, List.of(anomalyId),
                                    new PushOptions().slice(-RECENT_ANOMALY_IDS_KEPT))),
                    new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
            if (after != null) {
                return new FoldResult.Folded(after);
            }
        } catch (MongoWriteException | MongoCommandException e) {
            if (!isDuplicateKey(e)) {
                throw e;
            }
        }
        // the filter did not match and the upsert hit the existing id: held already, cleared, or a concurrent insert
        AlarmEntity existing = findById(alarmId);
        if (existing == null) {
            return new FoldResult.Retry();
        }
        if (existing.recentAnomalyIds != null && existing.recentAnomalyIds.contains(anomalyId)) {
            return new FoldResult.AlreadyFolded(existing);
        }
        return existing.active ? new FoldResult.Retry() : new FoldResult.Cleared();
    }

    /** The alarm {@code alarmId} if it holds {@code anomalyId} among its recent anomalies. */
    public Optional<AlarmEntity> holding(String alarmId, String anomalyId) {
        return Optional.ofNullable(mongoCollection().find(and(eq("_id", alarmId), eq(RECENT_ANOMALY_IDS, anomalyId))).first());
    }

    /** Applies {@code update} plus the change marks when {@code condition} holds; the alarm after it, or null. */
    public AlarmEntity change(String alarmId, Bson condition, Bson update, String change, String actor, Instant now) {
        return mongoCollection().findOneAndUpdate(and(eq("_id", alarmId), condition),
                combine(update, changeMarks(change, actor, now)),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
    }

    /** Makes {@code value} the alarm's peak when it lies further out than the stored peak. */
    public void raisePeak(String alarmId, double value, double distance) {
        mongoCollection().updateOne(and(eq("_id", alarmId), or(eq("peakDistance", null), lt("peakDistance", distance))),
                combine(set("peakValue", value), set("peakDistance", distance)));
    }

    /** The plant.alarms event of {@code revision} is confirmed: clean unless a later change is pending. */
    public void markPublished(String alarmId, long revision) {
        mongoCollection().updateOne(and(eq("_id", alarmId), eq("revision", revision)), set("dirty", false));
    }

    /** Active alarms (not of the given types) whose last anomaly is at or before {@code quietSince}, oldest first. */
    public List<AlarmEntity> activeQuietSince(Instant quietSince, List<String> exceptTypes, int limit) {
        return mongoCollection().find(and(eq("active", true), nin("type", exceptTypes), lte("lastAnomalyAt", quietSince)))
                .sort(Sorts.ascending("lastAnomalyAt")).limit(limit).into(new ArrayList<>());
    }

    /** Active alarms whose severity has not changed since {@code since} and is below {@code maxRank}. */
    public List<AlarmEntity> activeAtSeveritySince(Instant since, int maxRank, int limit) {
        return mongoCollection().find(and(eq("active", true), lte("severitySince", since), lt("severityRank", maxRank)))
                .limit(limit).into(new ArrayList<>());
    }

    /** Active, unacknowledged alarms at or above {@code minRank} opened at or before {@code openedBefore}. */
    public List<AlarmEntity> unacknowledgedOpenedBefore(Instant openedBefore, int minRank, String notYetField, int limit) {
        return mongoCollection().find(and(eq("active", true), eq("acknowledged", false), gte("severityRank", minRank),
                lte("createdAt", openedBefore), eq(notYetField, null))).limit(limit).into(new ArrayList<>());
    }

    /** Changes whose event was not confirmed and that are older than {@code before}. */
    public List<AlarmEntity> dirtyBefore(Instant before, int limit) {
        return mongoCollection().find(and(eq("dirty", true), lte("lastChangeAt", before))).limit(limit)
                .into(new ArrayList<>());
    }

    /** Active alarms of a device, optionally only of some types and channel. */
    public List<AlarmEntity> activeOf(String deviceId, List<String> types, String channel) {
        List<Bson> filters = new ArrayList<>(List.of(eq("deviceId", deviceId), eq("active", true)));
        if (types != null) {
            filters.add(in("type", types));
        }
        if (channel != null) {
            filters.add(eq("channel", channel));
        }
        return mongoCollection().find(and(filters)).into(new ArrayList<>());
    }

    public List<AlarmEntity> find(Bson filter, Bson sort, int skip, int limit) {
        return mongoCollection().find(filter).sort(sort).skip(skip).limit(limit).into(new ArrayList<>());
    }

    public long count(Bson filter) {
        return mongoCollection().countDocuments(filter);
    }

    static boolean isDuplicateKey(RuntimeException e) {
        if (e instanceof MongoWriteException w) {
            return w.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
        }
        return e instanceof MongoCommandException c && c.getErrorCode() == 11000;
    }
}
