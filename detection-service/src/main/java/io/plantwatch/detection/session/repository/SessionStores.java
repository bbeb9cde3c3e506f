package io.plantwatch.detection.session.repository;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.conversions.Bson;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

/** Repositories of detection sessions and their evaluation log. */
public final class SessionStores {

    private SessionStores() {
    }

    @ApplicationScoped
    public static class Sessions implements PanacheMongoRepositoryBase<SessionEntity, String> {

        /**
         * Writes a start or stop of the device's session and bumps its revision (one atomic upsert, so starts and
         * stops made on different instances get distinct, ordered revisions); returns the stored session.
         */
        public SessionEntity saveAndBump(SessionEntity e) {
            List<Bson> u = new ArrayList<>(List.of(Updates.set("active", e.active), Updates.set("since", e.since),
                    Updates.set("stoppedAt", e.stoppedAt), Updates.set("modelId", e.modelId),
                    Updates.set("startedBy", e.startedBy), Updates.set("sessionId", e.sessionId),
                    Updates.set("evaluated", e.evaluated), Updates.set("anomalies", e.anomalies),
                    Updates.set("lastScore", e.lastScore), Updates.set("lastTs", e.lastTs),
                    Updates.inc("revision", 1L)));
            return mongoCollection().findOneAndUpdate(eq("_id", e.deviceId), Updates.combine(u),
                    new com.mongodb.client.model.FindOneAndUpdateOptions().upsert(true)
                            .returnDocument(com.mongodb.client.model.ReturnDocument.AFTER));
        }

        /** Adds counts of one session (ignored when the device has started another session since). */
        public void add(String deviceId, String sessionId, long evaluated, long anomalies, Double lastScore,
                Instant lastTs) {
            List<Bson> u = new ArrayList<>(List.of(Updates.inc("evaluated", evaluated),
                    Updates.inc("anomalies", anomalies)));
            if (lastScore != null) {
                u.add(Updates.set("lastScore", lastScore));
                u.add(Updates.set("lastTs", lastTs));
            }
            mongoCollection().updateOne(and(eq("_id", deviceId), eq("sessionId", sessionId)), Updates.combine(u));
        }

        public List<SessionEntity> active() {
            return mongoCollection().find(eq("active", true)).into(new ArrayList<>());
        }
    }

    @ApplicationScoped
    public static class Logs implements PanacheMongoRepositoryBase<LogEntity, String> {

        /** The TTL index that bounds the log, and the index of its queries. */
        public void ensureIndexes(Duration retention) {
            mongoCollection().createIndex(Indexes.ascending("at"),
                    new IndexOptions().name("ttl_at").expireAfter(retention.toSeconds(), TimeUnit.SECONDS));
            mongoCollection().createIndex(Indexes.compoundIndex(Indexes.ascending("deviceId"),
                    Indexes.descending("ts")), new IndexOptions().name("device_ts"));
        }

        public void insertAll(List<LogEntity> entries) {
            if (!entries.isEmpty()) {
                mongoCollection().insertMany(entries);
            }
        }

        /** A page of log entries, newest first, filtered. */
        public List<LogEntity> page(String deviceId, Instant from, Instant to, Boolean alarm, Double minScore,
                int page, int size) {
            List<Bson> f = new ArrayList<>();
            if (deviceId != null) {
                f.add(eq("deviceId", deviceId));
            }
            if (from != null) {
                f.add(Filters.gte("ts", Date.from(from)));
            }
            if (to != null) {
                f.add(Filters.lt("ts", Date.from(to)));
            }
            if (alarm != null) {
                f.add(eq("alarm", alarm));
            }
            if (minScore != null) {
                f.add(Filters.gte("score", minScore));
            }
            Bson filter = f.isEmpty() ? new org.bson.Document() : and(f);
            return mongoCollection().find(filter).sort(Sorts.descending("ts")).skip(page * size).limit(size)
                    .into(new ArrayList<>());
        }
    }
}
