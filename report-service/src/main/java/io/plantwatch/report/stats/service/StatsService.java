package io.plantwatch.report.stats.service;

import io.plantwatch.report.common.TimeRange;
import io.plantwatch.report.config.ReportConfig;
import io.plantwatch.report.device.service.DeviceDirectory;
import io.plantwatch.report.device.service.DeviceInfo;
import io.plantwatch.report.reading.model.Aggregate;
import io.plantwatch.report.reading.model.BucketKeys;
import io.plantwatch.report.reading.repository.RawBucketStore;
import io.plantwatch.report.reading.repository.RollupStore;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Statistics per channel over a range: exact from the raw samples while they are kept and not too many, else from
 * the rollups (count, min, max, mean and standard deviation still exact; p95 then from the slot means).
 */
@ApplicationScoped
public class StatsService {

    private final RawBucketStore raw;
    private final RollupStore rollups;
    private final DeviceDirectory devices;
    private final ReportConfig config;

    public StatsService(RawBucketStore raw, RollupStore rollups, DeviceDirectory devices, ReportConfig config) {
        this.raw = raw;
        this.rollups = rollups;
        this.devices = devices;
        this.config = config;
    }

    public StatsReport stats(List<String> deviceIds, Set<String> channels, TimeRange range) {
        List<ChannelStats> all = new ArrayList<>();
        for (DeviceInfo device : devices.devices(deviceIds).values()) {
            all.addAll(deviceStats(device, channels, range));
        }
        Double total = null;
        for (ChannelStats c : all) {
            if (c.energyKwh() != null) {
                total = (total == null ? 0 : total) + c.energyKwh();
            }
        }
        return new StatsReport(range.from(), range.to(), all, total);
    }

    /** Statistics of each channel of one device, by channel name. */
    public List<ChannelStats> deviceStats(DeviceInfo device, Set<String> channels, TimeRange range) {
        Instant rawHorizon = Instant.now().minus(config.retention().raw());
        if (!range.from().isBefore(rawHorizon)) {
            List<ChannelStats> exact = fromRaw(device, channels, range);
            if (exact != null) {
                return exact;
            }
        }
        return fromRollups(device, channels, range);
    }

    /** Exact statistics, or null when a channel has more samples than may be held for the percentile. */
    private List<ChannelStats> fromRaw(DeviceInfo device, Set<String> channels, TimeRange range) {
        Map<String, ChannelAccumulator> acc = new TreeMap<>();
        long maxGapMs = config.energy().maxGap().toMillis();
        int limit = config.query().maxExactSamples();
        try {
            raw.forEachSample(device.deviceId(), range.from(), range.to(), channels, (ts, values, quality) ->
                    values.forEach((channel, value) -> {
                        ChannelAccumulator a = acc.computeIfAbsent(channel, c -> new ChannelAccumulator());
                        if (a.count() >= limit) {
                            throw new TooManySamples();
                        }
                        a.add(ts, value, maxGapMs);
                    }));
        } catch (TooManySamples e) {
            return null;
        }
        List<ChannelStats> result = new ArrayList<>();
        acc.forEach((channel, a) -> {
            String unit = device.unit(channel);
            Double factor = DeviceDirectory.kilowattFactor(channel, unit);
            result.add(new ChannelStats(device.deviceId(), channel, unit, a.count(), a.min(), a.max(), a.mean(),
                    a.stddev(), a.percentile(0.95), factor == null ? null : a.integralValueHours() * factor, "raw", true));
        });
        return result;
    }

    private List<ChannelStats> fromRollups(DeviceInfo device, Set<String> channels, TimeRange range) {
        boolean hourly = range.length().compareTo(Duration.ofDays(31)) > 0;
        long slotMs = hourly ? BucketKeys.HOUR_MS : BucketKeys.MINUTE_MS;
        Map<String, List<Aggregate>> slots = new TreeMap<>();
        if (hourly) {
            rollups.forEachHour(device.deviceId(), range.from(), range.to(), channels, (start, c) ->
                    c.forEach((channel, a) -> slots.computeIfAbsent(channel, k -> new ArrayList<>()).add(a)));
        } else {
            rollups.forEachMinute(device.deviceId(), range.from(), range.to(), channels, (start, c) ->
                    c.forEach((channel, a) -> slots.computeIfAbsent(channel, k -> new ArrayList<>()).add(a)));
        }
        List<ChannelStats> result = new ArrayList<>();
        slots.forEach((channel, list) -> {
            Aggregate total = new Aggregate();
            list.forEach(total::merge);
            List<Aggregate> byMean = new ArrayList<>(list);
            byMean.sort(Comparator.comparingDouble(Aggregate::mean));
            double[] means = byMean.stream().mapToDouble(Aggregate::mean).toArray();
            long[] weights = byMean.stream().mapToLong(Aggregate::count).toArray();
            String unit = device.unit(channel);
            Double factor = DeviceDirectory.kilowattFactor(channel, unit);
            Double energy = null;
            if (factor != null) {
                double valueHours = list.stream().mapToDouble(a -> a.mean() * slotMs / 3_600_000.0).sum();
                energy = valueHours * factor;
            }
            result.add(new ChannelStats(device.deviceId(), channel, unit, total.count(), total.min(), total.max(),
                    total.mean(), total.stddev(), Percentiles.weighted(means, weights, 0.95), energy,
                    hourly ? "1h" : "1m", false));
        });
        return result;
    }

    /** Stops a raw scan that would hold too many values. */
    private static final class TooManySamples extends RuntimeException {
        TooManySamples() {
            super(null, null, false, false);
        }
    }
}
