package io.plantwatch.report.reading.repository;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import io.plantwatch.contracts.event.Quality;
import io.plantwatch.contracts.event.Reading;
import io.plantwatch.report.reading.model.BucketKeys;
import io.plantwatch.report.reading.model.SampleSink;
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
import java.util.TreeSet;

/**
 * Raw samples, bucketed: one document per device and hour ({@code readings_raw}, id = device|hourEpochSeconds),
 * {@code {d, h, m: {minute: {msOfMinute: {channel: value, "~q": quality}}}}}. A sample's slot is given by its
 * timestamp, so replays are idempotent and a whole batch of one device-hour is one update.
 */
@ApplicationScoped
public class RawBucketStore {

    /** Documents per cursor batch when streaming: each can hold an hour of samples, keep few in memory. */
    private static final int STREAM_BATCH = 4;

    private final MongoCollection<Document> raw;

    public RawBucketStore(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.raw = mongo.getDatabase(database).getCollection("readings_raw");
    }

    void createIndexes(@Observes StartupEvent event) {
        raw.createIndex(Indexes.ascending("d", "h"));
        raw.createIndex(Indexes.ascending("h"));
    }

    /** A device-hour a batch wrote into, with the minutes it touched. */
    public record TouchedHour(String id, String deviceId, long hourStartMs, TreeSet<Integer> minutes) {
    }

    /** Writes a batch (one unordered bulk write, one update per device-hour); returns what it touched. */
    public Collection<TouchedHour> write(List<Reading> batch) {
        Map<String, TouchedHour> touched = new LinkedHashMap<>();
        Map<String, Document> sets = new HashMap<>();
        for (Reading r : batch) {
            long ts = r.ts().toEpochMilli();
            long hour = BucketKeys.hourStart(ts);
            String id = BucketKeys.hourId(r.deviceId(), hour);
            int minute = BucketKeys.minuteOfHour(ts);
            touched.computeIfAbsent(id, k -> new TouchedHour(k, r.deviceId(), hour, new TreeSet<>())).minutes().add(minute);
            Document sample = new Document();
            r.values().forEach((channel, value) -> sample.append(BucketKeys.field(channel), value));
            if (r.quality() != Quality.GOOD) {
                sample.append(BucketKeys.QUALITY_FIELD, r.quality().name());
            }
            sets.computeIfAbsent(id, k -> new Document()).append("m." + minute + "." + BucketKeys.msOfMinute(ts), sample);
        }
        List<WriteModel<Document>> writes = new ArrayList<>(touched.size());
        touched.values().forEach(t -> writes.add(new UpdateOneModel<>(Filters.eq("_id", t.id()),
                new Document("$set", sets.get(t.id())).append("$setOnInsert",
                        new Document("d", t.deviceId()).append("h", new Date(t.hourStartMs()))),
                new UpdateOptions().upsert(true))));
        if (!writes.isEmpty()) {
            raw.bulkWrite(writes, new BulkWriteOptions().ordered(false));
        }
        return touched.values();
    }

    /** The stored samples of the touched minutes: hour id → minute → {msOfMinute → sample}. */
    public Map<String, Map<Integer, Document>> readMinutes(Collection<TouchedHour> hours) {
        Set<String> fields = new TreeSet<>();
        List<String> ids = new ArrayList<>(hours.size());
        for (TouchedHour h : hours) {
            ids.add(h.id());
            h.minutes().forEach(m -> fields.add("m." + m));
        }
        Map<String, Map<Integer, Document>> result = new HashMap<>();
        for (Document doc : raw.find(Filters.in("_id", ids)).projection(Projections.include(new ArrayList<>(fields)))) {
            Map<Integer, Document> minutes = new HashMap<>();
            Document m = doc.get("m", Document.class);
            if (m != null) {
                m.forEach((minute, samples) -> minutes.put(Integer.parseInt(minute), (Document) samples));
            }
            result.put(doc.getString("_id"), minutes);
        }
        return result;
    }

    /**
     * Streams the samples of a device in [from, to) in time order to {@code sink}, holding a few hour documents in
     * memory at a time (a cursor, never the whole range).
     *
     * @param channels channels wanted; empty for all
     */
    public void forEachSample(String deviceId, Instant from, Instant to, Set<String> channels, SampleSink sink) {
        long fromMs = from.toEpochMilli();
        long toMs = to.toEpochMilli();
        Set<String> wantedFields = new TreeSet<>();
        channels.forEach(c -> wantedFields.add(BucketKeys.field(c)));
        try (MongoCursor<Document> cursor = raw.find(Filters.and(Filters.eq("d", deviceId),
                        Filters.gte("h", new Date(BucketKeys.hourStart(fromMs))), Filters.lt("h", new Date(toMs))))
                .sort(Sorts.ascending("h")).batchSize(STREAM_BATCH).iterator()) {
            while (cursor.hasNext()) {
                Document doc = cursor.next();
                long hour = doc.getDate("h").getTime();
                Document minutes = doc.get("m", Document.class);
                if (minutes == null) {
                    continue;
                }
                for (int minute : sortedKeys(minutes)) {
                    Document samples = minutes.get(Integer.toString(minute), Document.class);
                    long minuteStart = hour + minute * BucketKeys.MINUTE_MS;
                    if (minuteStart + BucketKeys.MINUTE_MS <= fromMs || minuteStart >= toMs) {
                        continue;
                    }
                    for (int ms : sortedKeys(samples)) {
                        long ts = minuteStart + ms;
                        if (ts < fromMs || ts >= toMs) {
                            continue;
                        }
                        Document sample = samples.get(Integer.toString(ms), Document.class);
                        Map<String, Double> values = new LinkedHashMap<>();
                        String quality = null;
                        for (Map.Entry<String, Object> e : sample.entrySet()) {
                            if (BucketKeys.QUALITY_FIELD.equals(e.getKey())) {
                                quality = (String) e.getValue();
                            } else if (wantedFields.isEmpty() || wantedFields.contains(e.getKey())) {
                                values.put(BucketKeys.channel(e.getKey()), ((Number) e.getValue()).doubleValue());
                            }
                        }
                        if (!values.isEmpty()) {
                            sink.accept(ts, values, quality);
                        }
                    }
                }
            }
        }
    }

    /** Deletes the hour documents that start before {@code cutoff}; returns how many. */
    public long deleteBefore(Instant cutoff) {
        return raw.deleteMany(Filters.lt("h", Date.from(cutoff))).getDeletedCount();
    }

    static int[] sortedKeys(Document doc) {
        int[] keys = new int[doc.size()];
        int i = 0;
        for (String key : doc.keySet()) {
            keys[i++] = Integer.parseInt(key);
        }
        java.util.Arrays.sort(keys);
        return keys;
    }
}
