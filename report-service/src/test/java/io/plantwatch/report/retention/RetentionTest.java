package io.plantwatch.report.retention;

import io.plantwatch.contracts.event.AnomalyType;
import io.plantwatch.contracts.event.Reading;
import io.plantwatch.contracts.event.Severity;
import io.plantwatch.local.testing.JwtTestResource;
import io.plantwatch.local.testing.KafkaTestResource;
import io.plantwatch.local.testing.MongoTestResource;
import io.plantwatch.local.testing.SmtpTestResource;
import io.plantwatch.report.anomaly.repository.AnomalyStore;
import io.plantwatch.report.reading.repository.RawBucketStore;
import io.plantwatch.report.reading.repository.RollupStore;
import io.plantwatch.report.reading.service.ReadingWriter;
import io.plantwatch.report.retention.service.RetentionService;
import io.plantwatch.report.testing.Events;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Retention per resolution (defaults: raw 30 d, 1 min 400 d, 1 h 1825 d, anomalies 400 d) on the real database. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(MongoTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(SmtpTestResource.class)
class RetentionTest {

    private static final String DEVICE = "ret-1";

    @Inject
    ReadingWriter writer;
    @Inject
    RawBucketStore raw;
    @Inject
    RollupStore rollups;
    @Inject
    AnomalyStore anomalies;
    @Inject
    RetentionService retention;

    @Test
    void eachResolutionKeepsItsOwnAge() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<Instant> times = List.of(now.minus(Duration.ofDays(1)), now.minus(Duration.ofDays(45)),
                now.minus(Duration.ofDays(450)), now.minus(Duration.ofDays(2000)));
        List<Reading> readings = new ArrayList<>();
        times.forEach(t -> readings.add(Events.reading(DEVICE, t, Map.of("v", 1.0))));
        writer.store(readings);
        anomalies.store(List.of(
                Events.anomaly(DEVICE, "v", times.get(0), AnomalyType.SPIKE, Severity.MAJOR, "zscore", 1.0),
                Events.anomaly(DEVICE, "v", times.get(2), AnomalyType.SPIKE, Severity.MAJOR, "zscore", 1.0)));
        Instant from = now.minus(Duration.ofDays(3000));
        assertEquals(List.of(4, 4, 4), counts(from, now));

        RetentionService.Purged purged = retention.purge(now);

        assertEquals(List.of(1, 2, 3), counts(from, now), "raw keeps the 1-day-old sample; minutes 1 and 45 days; hours 1, 45, 450");
        assertEquals(3, purged.rawHours());
        assertEquals(2, purged.minuteHours());
        assertEquals(1, purged.hourDays());
        assertEquals(1, purged.anomalies());
        assertEquals(1, anomalies.count(new org.bson.Document("deviceId", DEVICE)));
    }

    /** Samples in raw, minute slots and hour slots of the device. */
    private List<Integer> counts(Instant from, Instant to) {
        AtomicInteger samples = new AtomicInteger();
        AtomicInteger minutes = new AtomicInteger();
        AtomicInteger hours = new AtomicInteger();
        raw.forEachSample(DEVICE, from, to.plusSeconds(1), Set.of(), (ts, values, quality) -> samples.incrementAndGet());
        rollups.forEachMinute(DEVICE, from, to.plusSeconds(1), Set.of(), (start, c) -> minutes.incrementAndGet());
        rollups.forEachHour(DEVICE, from, to.plusSeconds(1), Set.of(), (start, c) -> hours.incrementAndGet());
        return List.of(samples.get(), minutes.get(), hours.get());
    }
}
