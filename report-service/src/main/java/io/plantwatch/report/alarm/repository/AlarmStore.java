package io.plantwatch.report.alarm.repository;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.WriteModel;
import io.plantwatch.contracts.event.AlarmEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;

/**
 * The current state of each alarm ({@code alarms}, id = alarmId), from plant.alarms: a change with a lower
 * revision than the stored one (a replay, or a late duplicate) is ignored.
 */
@ApplicationScoped
public class AlarmStore {

    private static final int DUPLICATE_KEY = 11000;

    private final MongoCollection<Document> alarms;

    public AlarmStore(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.alarms = mongo.getDatabase(database).getCollection("alarms");
    }

    void createIndexes(@Observes StartupEvent event) {
        alarms.createIndex(Indexes.ascending("deviceId", "firstSeen"));
        alarms.createIndex(Indexes.ascending("firstSeen"));
        alarms.createIndex(Indexes.ascending("lastSeen"));
    }

    public void write(List<AlarmEvent> events) {
        List<WriteModel<Document>> writes = new ArrayList<>(events.size());
        for (AlarmEvent e : events) {
            Document doc = new Document("_id", e.alarmId()).append("revision", e.revision())
                    .append("deviceId", e.deviceId()).append("site", e.site()).append("channel", e.channel())
                    .append("type", e.type() == null ? null : e.type().name())
                    .append("severity", e.severity() == null ? null : e.severity().name())
                    .append("severityRank", e.severity() == null ? -1 : e.severity().ordinal())
                    .append("status", e.status() == null ? null : e.status().name())
                    .append("count", e.count()).append("firstSeen", date(e.firstSeen()))
                    .append("lastSeen", date(e.lastSeen() == null ? e.firstSeen() : e.lastSeen()))
                    .append("assignee", e.assignee()).append("at", date(e.at())).append("value", e.value())
                    .append("message", e.message());
            writes.add(new ReplaceOneModel<>(Filters.and(Filters.eq("_id", e.alarmId()),
                    Filters.or(Filters.lte("revision", e.revision()), Filters.exists("revision", false))),
                    doc, new ReplaceOptions().upsert(true)));
        }
        if (writes.isEmpty()) {
            return;
        }
        try {
            alarms.bulkWrite(writes, new BulkWriteOptions().ordered(false));
        } catch (MongoBulkWriteException ex) {
            for (BulkWriteError error : ex.getWriteErrors()) {
                if (error.getCode() != DUPLICATE_KEY) {
                    throw ex;
                }
            }
        }
    }

    /** Alarms of the devices that began at or before {@code until}, newest first (to match anomalies to them). */
    public List<Document> startedBy(Collection<String> deviceIds, Instant until) {
        return alarms.find(Filters.and(Filters.in("deviceId", new ArrayList<>(deviceIds)),
                Filters.lte("firstSeen", Date.from(until)))).sort(Sorts.descending("firstSeen")).into(new ArrayList<>());
    }

    /** Alarms of the devices (all when empty) whose span [firstSeen, lastSeen] meets [from, to), most severe first. */
    public List<Document> overlapping(Collection<String> deviceIds, Instant from, Instant to, int limit) {
        List<Bson> filters = new ArrayList<>(List.of(Filters.lt("firstSeen", Date.from(to)),
                Filters.gte("lastSeen", Date.from(from))));
        if (!deviceIds.isEmpty()) {
            filters.add(Filters.in("deviceId", new ArrayList<>(deviceIds)));
        }
        return alarms.find(Filters.and(filters)).sort(Sorts.orderBy(Sorts.descending("severityRank"),
                Sorts.descending("firstSeen"))).limit(limit).into(new ArrayList<>());
    }

    /** Alarm counts grouped by the given fields, for alarms that began in [from, to), biggest first. */
    public List<Document> countStartedIn(Collection<String> deviceIds, Instant from, Instant to, List<String> groupBy,
            int limit) {
        List<Bson> filters = new ArrayList<>(List.of(Filters.gte("firstSeen", Date.from(from)),
                Filters.lt("firstSeen", Date.from(to))));
        if (!deviceIds.isEmpty()) {
            filters.add(Filters.in("deviceId", new ArrayList<>(deviceIds)));
        }
        Document id = new Document();
        groupBy.forEach(f -> id.append(f, "$" + f));
        return alarms.aggregate(List.of(new Document("$match", Filters.and(filters)),
                new Document("$group", new Document("_id", id).append("count", new Document("$sum", 1))
                        .append("anomalies", new Document("$sum", "$count"))),
                new Document("$sort", new Document("count", -1).append("anomalies", -1)),
                new Document("$limit", limit))).into(new ArrayList<>());
    }

    /** Deletes cleared alarms last seen before {@code cutoff}. */
    public long deleteClearedBefore(Instant cutoff) {
        return alarms.deleteMany(Filters.and(Filters.lt("lastSeen", Date.from(cutoff)),
                Filters.in("status", List.of("CLEARED_UNACK", "CLEARED_ACK")))).getDeletedCount();
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }
}
