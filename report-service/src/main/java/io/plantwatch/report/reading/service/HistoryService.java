package io.plantwatch.report.reading.service;

import io.plantwatch.report.config.ReportConfig;
import io.plantwatch.report.reading.model.Aggregate;
import io.plantwatch.report.reading.model.BucketKeys;
import io.plantwatch.report.reading.repository.LatestStore;
import io.plantwatch.report.reading.repository.RawBucketStore;
import io.plantwatch.report.reading.repository.RollupStore;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Reads of the readings history: latest values, and series at the resolution that fits a chart. */
@ApplicationScoped
public class HistoryService {

    private final RawBucketStore raw;
    private final RollupStore rollups;
    private final LatestStore latest;
    private final ReportConfig config;

    public HistoryService(RawBucketStore raw, RollupStore rollups, LatestStore latest, ReportConfig config) {
        this.raw = raw;
        this.rollups = rollups;
        this.latest = latest;
        this.config = config;
    }

    public List<LatestValue> latest(Collection<String> deviceIds) {
        return latest.find(deviceIds).stream().map(d -> new LatestValue(d.getString("deviceId"), d.getString("channel"),
                ((Number) d.get("value")).doubleValue(), d.getDate("ts").toInstant())).toList();
    }

    /**
     * The series of a device in [from, to) with at most {@code maxPoints} points: the raw samples when they fit (and
     * are still kept), else buckets of whole minutes from the 1-minute rollups, or of whole hours from the 1-hour
     * rollups once a bucket would span an hour or more; buckets carry min/max envelopes.
     */
    public Series series(String deviceId, Set<String> channels, Instant from, Instant to, int maxPoints) {
        Instant rawHorizon = Instant.now().minus(config.retention().raw());
        if (!from.isBefore(rawHorizon)) {
            // the hour rollups count the raw samples cheaply (an upper bound: whole hours at the edges)
            TreeMap<Long, Map<String, Aggregate>> hours = new TreeMap<>();
            rollups.forEachHour(deviceId, from, to, channels, hours::put);
            long count = samples(hours);
            if (count > maxPoints && Duration.between(from, to).compareTo(Duration.ofDays(2)) <= 0) {
                // whole hours overcount a short range: count again by minutes
                TreeMap<Long, Map<String, Aggregate>> minutes = new TreeMap<>();
                rollups.forEachMinute(deviceId, from, to, channels, minutes::put);
                count = samples(minutes);
            }
            if (count <= maxPoints) {
                List<SeriesPoint> points = new ArrayList<>();
                raw.forEachSample(deviceId, from, to, channels,
                        (ts, values, quality) -> points.add(SeriesPoint.raw(Instant.ofEpochMilli(ts), values)));
                return new Series("raw", 0, points);
            }
        }
        Plan plan = plan(from.toEpochMilli(), to.toEpochMilli(), maxPoints);
        TreeMap<Long, Map<String, Aggregate>> slots = new TreeMap<>();
        if (plan.slotMs() == BucketKeys.MINUTE_MS) {
            rollups.forEachMinute(deviceId, from, to, channels, slots::put);
        } else {
            rollups.forEachHour(deviceId, from, to, channels, slots::put);
        }
        return new Series(plan.slotMs() == BucketKeys.MINUTE_MS ? "1m" : "1h", plan.widthMs() / 1000,
                bucket(slots, plan.widthMs()));
    }

    /**
     * Which rollup and how many of its slots per point.
     *
     * @param slotMs      rollup slot (a minute or an hour)
     * @param bucketSlots slots merged into one point
     */
    record Plan(long slotMs, long bucketSlots) {
        long widthMs() {
            return slotMs * bucketSlots;
        }
    }

    static Plan plan(long fromMs, long toMs, int maxPoints) {
        long width = Math.max(1, ceilDiv(toMs - fromMs, (long) maxPoints * BucketKeys.MINUTE_MS));
        while (width < 60 && bucketsCovering(fromMs, toMs, width * BucketKeys.MINUTE_MS) > maxPoints) {
            width++;
        }
        if (width < 60) {
            return new Plan(BucketKeys.MINUTE_MS, width);
        }
        long hours = Math.max(1, ceilDiv(toMs - fromMs, (long) maxPoints * BucketKeys.HOUR_MS));
        while (bucketsCovering(fromMs, toMs, hours * BucketKeys.HOUR_MS) > maxPoints) {
            hours++;
        }
        return new Plan(BucketKeys.HOUR_MS, hours);
    }

    /** Aligned buckets of {@code widthMs} that [from, to) touches. */
    static long bucketsCovering(long fromMs, long toMs, long widthMs) {
        return Math.floorDiv(toMs - 1, widthMs) - Math.floorDiv(fromMs, widthMs) + 1;
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }

    /** Samples in rollup slots: per slot the most samples any channel has (a sample carries all its channels). */
    static long samples(Map<Long, Map<String, Aggregate>> slots) {
        long total = 0;
        for (Map<String, Aggregate> channels : slots.values()) {
            total += channels.values().stream().mapToLong(Aggregate::count).max().orElse(0);
        }
        return total;
    }

    /** Merges rollup slots into aligned buckets of {@code widthMs}: mean, min, max and count per channel. */
    static List<SeriesPoint> bucket(TreeMap<Long, Map<String, Aggregate>> slots, long widthMs) {
        TreeMap<Long, Map<String, Aggregate>> buckets = new TreeMap<>();
        slots.forEach((start, channels) -> {
            Map<String, Aggregate> bucket = buckets.computeIfAbsent(Math.floorDiv(start, widthMs) * widthMs,
                    k -> new LinkedHashMap<>());
            channels.forEach((channel, aggregate) -> bucket.computeIfAbsent(channel, c -> new Aggregate()).merge(aggregate));
        });
        List<SeriesPoint> points = new ArrayList<>(buckets.size());
        buckets.forEach((start, channels) -> {
            Map<String, Double> mean = new LinkedHashMap<>();
            Map<String, Double> min = new LinkedHashMap<>();
            Map<String, Double> max = new LinkedHashMap<>();
            Map<String, Long> count = new LinkedHashMap<>();
            channels.forEach((channel, a) -> {
                mean.put(channel, a.mean());
                min.put(channel, a.min());
                max.put(channel, a.max());
                count.put(channel, a.count());
            });
            points.add(new SeriesPoint(Instant.ofEpochMilli(start), mean, min, max, count));
        });
        return points;
    }
}
