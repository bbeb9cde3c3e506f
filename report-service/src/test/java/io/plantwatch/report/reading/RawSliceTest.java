package io.plantwatch.report.reading;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.plantwatch.contracts.event.Reading;
import io.plantwatch.local.testing.JwtTestResource;
import io.plantwatch.local.testing.KafkaTestResource;
import io.plantwatch.local.testing.MongoTestResource;
import io.plantwatch.local.testing.SmtpTestResource;
import io.plantwatch.report.reading.model.Aggregate;
import io.plantwatch.report.reading.model.BucketKeys;
import io.plantwatch.report.reading.repository.RawBucketStore;
import io.plantwatch.report.reading.repository.RollupStore;
import io.plantwatch.report.reading.service.ReadingWriter;
import io.plantwatch.report.testing.Events;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Raw samples live in documents of one slice of an hour (a batch rewrites only the slices it touches), and a whole-hour
 * document written before slices is still read: series and minute rollups merge both, each sample once, in time order.
 * On the real MongoDB wire server.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(MongoTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(SmtpTestResource.class)
class RawSliceTest {

    private static final String DEVICE = "slice-1";
    private static final Instant HOUR = Instant.now().minus(Duration.ofDays(3)).truncatedTo(ChronoUnit.HOURS);

    @Inject
    ReadingWriter writer;
    @Inject
    RawBucketStore raw;
    @Inject
    RollupStore rollups;
    @Inject
    MongoClient mongo;
    @ConfigProperty(name = "quarkus.mongodb.database")
    String database;

    @Test
    void slicesAndAPreSliceHourDocumentReadAsOneHour() {
        MongoCollection<Document> collection = mongo.getDatabase(database).getCollection("readings_raw");
        long hourMs = HOUR.toEpochMilli();
        // the layout before slices: the whole hour in one document
        collection.insertOne(new Document("_id", BucketKeys.hourId(DEVICE, hourMs)).append("d", DEVICE)
                .append("h", new Date(hourMs)).append("m", new Document("5", new Document("0", new Document("v", 1.0)))
                        .append("30", new Document("0", new Document("v", 2.0)))));

        List<Reading> batch = List.of(
                Events.reading(DEVICE, at(5, 30), Map.of("v", 3.0)),
                Events.reading(DEVICE, at(15, 0), Map.of("v", 4.0)),
                Events.reading(DEVICE, at(30, 10), Map.of("v", 5.0)),
                Events.reading(DEVICE, at(59, 0), Map.of("v", 6.0)),
                Events.reading(DEVICE, at(61, 0), Map.of("v", 7.0)));
        writer.store(batch);
        writer.store(batch); // a replay changes nothing

        List<Double> values = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        raw.forEachSample(DEVICE, HOUR, HOUR.plus(Duration.ofHours(2)), Set.of(), (ts, v, quality) -> {
            times.add(ts);
            values.add(v.get("v"));
        });
        assertEquals(List.of(1.0, 3.0, 4.0, 2.0, 5.0, 6.0, 7.0), values, "every sample once, in time order");
        assertEquals(times.stream().sorted().toList(), times);

        List<Document> docs = collection.find(Filters.eq("d", DEVICE)).into(new ArrayList<>());
        assertEquals(6, docs.size(), "the pre-slice hour + slices 0, 1, 3, 5 of the hour + slice 0 of the next: " + docs);
        for (Document doc : docs) {
            if (doc.getString("_id").equals(BucketKeys.hourId(DEVICE, hourMs))) {
                continue;
            }
            Set<Integer> slices = new java.util.TreeSet<>();
            doc.get("m", Document.class).keySet().forEach(m -> slices.add(Integer.parseInt(m) / BucketKeys.RAW_SLICE_MINUTES));
            assertEquals(1, slices.size(), "one slice per document: " + doc.getString("_id"));
            assertTrue(doc.getString("_id").endsWith("|" + slices.iterator().next()), doc.getString("_id"));
        }

        Map<Integer, Map<String, Aggregate>> minutes = rollups.readMinuteDocs(List.of(BucketKeys.hourId(DEVICE, hourMs)))
                .get(BucketKeys.hourId(DEVICE, hourMs));
        Aggregate minute5 = minutes.get(5).get("v");
        assertEquals(2, minute5.count(), "minute 5 rolls up the old and the new sample");
        assertEquals(1.0, minute5.min());
        assertEquals(3.0, minute5.max());
        assertEquals(2, minutes.get(30).get("v").count());
        assertEquals(1, minutes.get(15).get("v").count());
    }

    private static Instant at(int minute, int second) {
        return HOUR.plusSeconds(minute * 60L + second);
    }
}
