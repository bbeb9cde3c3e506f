package io.plantwatch.report.reading.repository;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import io.plantwatch.report.reading.model.Aggregate;
import io.plantwatch.report.reading.model.BucketKeys;
import io.plantwatch.report.reading.model.SlotSink;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rollups of the readings: {@code readings_1m} (one document per device and hour, {@code {d, h, m: {minute:
 * {channel: aggregate}}}}) and {@code readings_1h} (one per device and day, {@code {d, day, h: {hour: {channel:
 * aggregate}}}}). Both are recomputed from what is stored below them, never incremented, so a replayed reading
 * cannot count twice.
 */
@ApplicationScoped
public class RollupStore {

    private final MongoCollection<Document> minutes;
    private final MongoCollection<Document> hours;

    public RollupStore(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.minutes = mongo.getDatabase(database).getCollection("readings_1m");
        this.hours = mongo.getDatabase(database).getCollection("readings_1h");
    }

    void createIndexes(@Observes StartupEvent event) {
        minutes.createIndex(Indexes.ascending("d", "h"));
        minutes.createIndex(Indexes.ascending("h"));
        hours.createIndex(Indexes.ascending("d", "day"));
        hours.createIndex(Indexes.ascending("day"));
    }

    /** Rollup values of one slot document: the id, its device and start, and slot → channel → aggregate. */
    public record SlotUpdate(String id, String deviceId, long startMs, Map<Integer, Map<String, Aggregate>> slots) {
    }

    /** Sets the given minutes of the minute-rollup documents (one unordered bulk write). */
    public void writeMinutes(Collection<SlotUpdate> updates) {
        write(minutes, "h", "m", updates);
    }

    /** Sets the given hours of the hour-rollup documents. */
    public void writeHours(Collection<SlotUpdate> updates) {
        write(hours, "day", "h", updates);
    }

    private static void write(MongoCollection<Document> collection, String startField, String slotField,
            Collection<SlotUpdate> updates) {
        List<WriteModel<Document>> writes = new ArrayList<>(updates.size());
        for (SlotUpdate u : updates) {
            Document set = new Document();
            u.slots().forEach((slot, channels) -> channels.forEach((channel, aggregate) ->
                    set.append(slotField + "." + slot + "." + BucketKeys.field(channel), AggregateCodec.toDocument(aggregate))));
            if (!set.isEmpty()) {
                writes.add(new UpdateOneModel<>(Filters.eq("_id", u.id()), new Document("$set", set).append("$setOnInsert",
                        new Document("d", u.deviceId()).append(startField, new Date(u.startMs()))),
                        new UpdateOptions().upsert(true)));
            }
        }
        if (!writes.isEmpty()) {
            collection.bulkWrite(writes, new BulkWriteOptions().ordered(false));
        }
    }

    /** Every minute of the given hour documents: hour id → minute → channel → aggregate. */
    public Map<String, Map<Integer, Map<String, Aggregate>>> readMinuteDocs(Collection<String> hourIds) {
        Map<String, Map<Integer, Map<String, Aggregate>>> result = new HashMap<>();
        for (Document doc : minutes.find(Filters.in("_id", new ArrayList<>(hourIds)))) {
            result.put(doc.getString("_id"), slots(doc.get("m", Document.class)));
        }
        return result;
    }

    /** Streams the minute rollups of a device whose minute starts in [from, to), in time order. */
    public void forEachMinute(String deviceId, Instant from, Instant to, Set<String> channels, SlotSink sink) {
        stream(minutes, "h", "m", BucketKeys.MINUTE_MS, BucketKeys.hourStart(BucketKeys.minuteStart(from.toEpochMilli())),
                BucketKeys.minuteStart(from.toEpochMilli()), to.toEpochMilli(), deviceId, channels, sink);
    }

    /** Streams the hour rollups of a device whose hour starts in [from, to), in time order. */
    public void forEachHour(String deviceId, Instant from, Instant to, Set<String> channels, SlotSink sink) {
        long fromHour = BucketKeys.hourStart(from.toEpochMilli());
        stream(hours, "day", "h", BucketKeys.HOUR_MS, BucketKeys.dayStart(fromHour), fromHour, to.toEpochMilli(),
                deviceId, channels, sink);
    }

    private static void stream(MongoCollection<Document> collection, String startField, String slotField, long slotMs,
            long docFromMs, long fromMs, long toMs, String deviceId, Set<String> channels, SlotSink sink) {
        try (MongoCursor<Document> cursor = collection.find(Filters.and(Filters.eq("d", deviceId),
                        Filters.gte(startField, new Date(docFromMs)), Filters.lt(startField, new Date(toMs))))
                .sort(Sorts.ascending(startField)).batchSize(64).iterator()) {
            while (cursor.hasNext()) {
                Document doc = cursor.next();
                long start = doc.getDate(startField).getTime();
                Map<Integer, Map<String, Aggregate>> slots = slots(doc.get(slotField, Document.class));
                slots.keySet().stream().sorted().forEach(slot -> {
                    long slotStart = start + slot * slotMs;
                    if (slotStart < fromMs || slotStart >= toMs) {
                        return;
                    }
                    Map<String, Aggregate> wanted = new LinkedHashMap<>();
                    slots.get(slot).forEach((channel, aggregate) -> {
                        if (channels.isEmpty() || channels.contains(channel)) {
                            wanted.put(channel, aggregate);
                        }
                    });
                    if (!wanted.isEmpty()) {
                        sink.accept(slotStart, wanted);
                    }
                });
            }
        }
    }

    private static Map<Integer, Map<String, Aggregate>> slots(Document slotsDoc) {
        Map<Integer, Map<String, Aggregate>> slots = new HashMap<>();
        if (slotsDoc == null) {
            return slots;
        }
        slotsDoc.forEach((slot, channelsDoc) -> {
            Map<String, Aggregate> channels = new LinkedHashMap<>();
            ((Document) channelsDoc).forEach((field, aggregate) ->
                    channels.put(BucketKeys.channel(field), AggregateCodec.fromDocument((Document) aggregate)));
            slots.put(Integer.parseInt(slot), channels);
        });
        return slots;
    }

    /** Deletes minute-rollup documents of hours before {@code cutoff}. */
    public long deleteMinutesBefore(Instant cutoff) {
        return minutes.deleteMany(Filters.lt("h", Date.from(cutoff))).getDeletedCount();
    }

    /** Deletes hour-rollup documents of days before {@code cutoff}. */
    public long deleteHoursBefore(Instant cutoff) {
        return hours.deleteMany(Filters.lt("day", Date.from(cutoff))).getDeletedCount();
    }
}
