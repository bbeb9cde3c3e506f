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
 * Raw samples, bucketed: one document per device and {@link BucketKeys#RAW_SLICE_MINUTES}-minute slice of an hour
 * ({@code readings_raw}, id = device|hourEpochSeconds|slice), {@code {d, h, m: {minute: {msOfMinute: {channel: value,
 * "~q": quality}}}}} with {@code h} the hour and {@code minute} the minute of the hour. A sample's slot is given by
 * its timestamp, so replays are idempotent and a whole batch of one slice is one update. Documents of a whole hour
 * (id = device|hourEpochSeconds, written before slices) have the same shape and are read alongside.
 */
@ApplicationScoped
public class RawBucketStore {

    /** Documents per cursor batch when streaming: one hour's slices, few in memory at a time. */
    private static final int STREAM_BATCH = 60 / BucketKeys.RAW_SLICE_MINUTES;

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

    /** Writes a batch (one unordered bulk write, one update per device slice); returns the hours it touched. */
    public Collection<TouchedHour> write(List<Reading> batch) {
        Map<String, TouchedHour> touched = new LinkedHashMap<>();
        Map<String, Document> sets = new LinkedHashMap<>();
        Map<String, TouchedHour> hourOfSlice = new HashMap<>();
        for (Reading r : batch) {
            long ts = r.ts().toEpochMilli();
            long hour = BucketKeys.hourStart(ts);
            int minute = BucketKeys.minuteOfHour(ts);
            TouchedHour touchedHour = touched.computeIfAbsent(BucketKeys.hourId(r.deviceId(), hour),
                    k -> new TouchedHour(k, r.deviceId(), hour, new TreeSet<>()));
            touchedHour.minutes().add(minute);
            Document sample = new Document();
            r.values().forEach((channel, value) -> sample.append(BucketKeys.field(channel), value));
            if (r.quality() != Quality.GOOD) {
                sample.append(BucketKeys.QUALITY_FIELD, r.quality().name());
            }
            String slice = BucketKeys.rawSliceId(r.deviceId(), hour, minute);
            hourOfSlice.putIfAbsent(slice, touchedHour);
            sets.computeIfAbsent(slice, k -> new Document()).append("m." + minute + "." + BucketKeys.msOfMinute(ts), sample);
        }
        List<WriteModel<Document>> writes = new ArrayList<>(sets.size());
        sets.forEach((slice, set) -> {
            TouchedHour t = hourOfSlice.get(slice);
            writes.add(new UpdateOneModel<>(Filters.eq("_id", slice), new Document("$set", set).append("$setOnInsert",
                    new Document("d", t.deviceId()).append("h", new Date(t.hourStartMs()))),
                    new UpdateOptions().upsert(true)));
        });
        if (!writes.isEmpty()) {
            raw.bulkWrite(writes, new BulkWriteOptions().ordered(false));
        }
        return touched.values();
    }

    /** The stored samples of the touched minutes: hour id → minute → {msOfMinute → sample}. */
    public Map<String, Map<Integer, Document>> readMinutes(Collection<TouchedHour> hours) {
        Set<String> fields = new TreeSet<>();
        Set<String> ids = new java.util.LinkedHashSet<>();
        for (TouchedHour h : hours) {
            ids.add(h.id());
            for (int m : h.minutes()) {
                fields.add("m." + m);
                ids.add(BucketKeys.rawSliceId(h.deviceId(), h.hourStartMs(), m));
            }
        }
        Map<String, Map<Integer, Document>> result = new HashMap<>();
        List<String> projected = new ArrayList<>(fields);
        projected.add("d");
        projected.add("h");
        for (Document doc : raw.find(Filters.in("_id", new ArrayList<>(ids))).projection(Projections.include(projected))) {
            mergeMinutes(doc, result.computeIfAbsent(BucketKeys.hourId(doc.getString("d"), doc.getDate("h").getTime()),
                    k -> new HashMap<>()));
        }
        return result;
    }

    /** Adds a raw document's minutes to an hour's (an hour may be split over slices and a pre-slice document). */
    private static void mergeMinutes(Document doc, Map<Integer, Document> hour) {
        Document m = doc.get("m", Document.class);
        if (m == null) {
            return;
        }
        m.forEach((minute, samples) -> hour.merge(Integer.parseInt(minute), (Document) samples, (a, b) -> {
            Document merged = new Document(a);
            merged.putAll(b);
            return merged;
        }));
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
            long hour = Long.MIN_VALUE;
            Map<Integer, Document> minutes = new HashMap<>();
            while (cursor.hasNext()) {
                Document doc = cursor.next();
                long docHour = doc.getDate("h").getTime();
                if (docHour != hour) {
                    emitHour(hour, minutes, fromMs, toMs, wantedFields, sink);
                    hour = docHour;
                    minutes.clear();
                }
                mergeMinutes(doc, minutes);
            }
            emitHour(hour, minutes, fromMs, toMs, wantedFields, sink);
        }
    }

    /** Sends one hour's samples (merged from its documents) in time order. */
    private static void emitHour(long hour, Map<Integer, Document> minutesOfHour, long fromMs, long toMs,
            Set<String> wantedFields, SampleSink sink) {
        if (minutesOfHour.isEmpty()) {
            return;
        }
        int[] sortedMinutes = minutesOfHour.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
        for (int minute : sortedMinutes) {
            Document samples = minutesOfHour.get(minute);
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
