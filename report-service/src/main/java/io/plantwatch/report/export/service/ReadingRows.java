package io.plantwatch.report.export.service;

import io.plantwatch.report.common.TimeRange;
import io.plantwatch.report.reading.repository.RawBucketStore;
import io.plantwatch.report.reading.repository.RollupStore;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The readings of devices over a range as export rows, device after device, each in time order, streamed from the
 * database cursors (never the whole range in memory).
 */
@ApplicationScoped
public class ReadingRows {

    /** Column names of raw rows. */
    public static final List<String> RAW_HEADER = List.of("ts", "deviceId", "channel", "value", "quality");
    /** Column names of rollup rows. */
    public static final List<String> ROLLUP_HEADER = List.of("ts", "deviceId", "channel", "avg", "min", "max", "count");

    private final RawBucketStore raw;
    private final RollupStore rollups;

    public ReadingRows(RawBucketStore raw, RollupStore rollups) {
        this.raw = raw;
        this.rollups = rollups;
    }

    /** Receives one row: a raw value (min = max = avg = value, count 1) or a rollup slot of one channel. */
    public interface RowSink {
        void row(Instant ts, String deviceId, String channel, double avg, double min, double max, long count,
                String quality);
    }

    public void forEach(List<String> deviceIds, Set<String> channels, TimeRange range, Resolution resolution, RowSink sink) {
        for (String deviceId : deviceIds) {
            switch (resolution) {
                case RAW -> raw.forEachSample(deviceId, range.from(), range.to(), channels, (ts, values, quality) -> {
                    Instant at = Instant.ofEpochMilli(ts);
                    values.forEach((channel, v) -> sink.row(at, deviceId, channel, v, v, v, 1,
                            quality == null ? "GOOD" : quality));
                });
                case MINUTE -> rollups.forEachMinute(deviceId, range.from(), range.to(), channels, (start, slot) -> {
                    Instant at = Instant.ofEpochMilli(start);
                    slot.forEach((channel, a) -> sink.row(at, deviceId, channel, a.mean(), a.min(), a.max(), a.count(), null));
                });
                case HOUR -> rollups.forEachHour(deviceId, range.from(), range.to(), channels, (start, slot) -> {
                    Instant at = Instant.ofEpochMilli(start);
                    slot.forEach((channel, a) -> sink.row(at, deviceId, channel, a.mean(), a.min(), a.max(), a.count(), null));
                });
                default -> throw new IllegalStateException(resolution.name());
            }
        }
    }
}
