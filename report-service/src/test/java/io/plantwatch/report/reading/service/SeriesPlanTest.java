package io.plantwatch.report.reading.service;

import io.plantwatch.report.reading.model.Aggregate;
import io.plantwatch.report.reading.model.BucketKeys;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The choice of rollup and bucket width for a series, and the bucketing itself (pure logic). */
class SeriesPlanTest {

    private static final long T0 = Instant.parse("2026-11-01T00:00:00Z").toEpochMilli();

    @Test
    void neverMorePointsThanAskedFor() {
        for (long minutes : new long[] {5, 61, 600, 1440, 10_080, 44_000, 525_600}) {
            for (int maxPoints : new int[] {1, 7, 50, 100, 1000, 2000}) {
                for (long offsetMs : new long[] {0, 17_123, 1_799_999}) {
                    long from = T0 + offsetMs;
                    long to = from + minutes * BucketKeys.MINUTE_MS;
                    HistoryService.Plan plan = HistoryService.plan(from, to, maxPoints);
                    assertTrue(HistoryService.bucketsCovering(from, to, plan.widthMs()) <= maxPoints,
                            minutes + " min, " + maxPoints + " points: " + plan);
                }
            }
        }
    }

    @Test
    void sevenDaysInAThousandPointsAreElevenMinuteBuckets() {
        HistoryService.Plan plan = HistoryService.plan(T0, T0 + Duration.ofDays(7).toMillis(), 1000);
        assertEquals(BucketKeys.MINUTE_MS, plan.slotMs());
        assertEquals(11, plan.bucketSlots());
    }

    @Test
    void aYearUsesHours() {
        HistoryService.Plan plan = HistoryService.plan(T0, T0 + Duration.ofDays(365).toMillis(), 1000);
        assertEquals(BucketKeys.HOUR_MS, plan.slotMs());
        assertEquals(9, plan.bucketSlots());
    }

    @Test
    void bucketsMergeSlotsExactly() {
        TreeMap<Long, Map<String, Aggregate>> slots = new TreeMap<>();
        slots.put(T0, Map.of("p", aggregate(1, 2, 3)));
        slots.put(T0 + BucketKeys.MINUTE_MS, Map.of("p", aggregate(10)));
        slots.put(T0 + 2 * BucketKeys.MINUTE_MS, Map.of("p", aggregate(4, 4)));
        List<SeriesPoint> points = HistoryService.bucket(slots, 2 * BucketKeys.MINUTE_MS);
        assertEquals(2, points.size());
        assertEquals(4.0, points.get(0).values().get("p"));
        assertEquals(1.0, points.get(0).min().get("p"));
        assertEquals(10.0, points.get(0).max().get("p"));
        assertEquals(4L, points.get(0).count().get("p"));
        assertEquals(Instant.ofEpochMilli(T0 + 2 * BucketKeys.MINUTE_MS), points.get(1).ts());
        assertEquals(2L, HistoryService.samples(Map.of(0L, Map.of("a", aggregate(1, 2), "b", aggregate(1)))));
    }

    private static Aggregate aggregate(double... values) {
        Aggregate a = new Aggregate();
        for (double v : values) {
            a.add(v);
        }
        return a;
    }
}
