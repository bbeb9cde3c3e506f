package io.plantwatch.report.reading.model;

import java.time.Instant;

/**
 * Where a sample lives in the bucketed history: raw samples in one document per device and hour, keyed inside by
 * minute of the hour and millisecond of the minute (a deterministic slot, so a replayed reading overwrites itself
 * instead of being stored twice); minute rollups in one document per device and hour; hour rollups in one document
 * per device and day.
 */
public final class BucketKeys {

    public static final long HOUR_MS = 3_600_000L;
    public static final long DAY_MS = 86_400_000L;
    public static final long MINUTE_MS = 60_000L;

    /** Field of a raw sample holding its quality when it is not GOOD (channel names never start with '~'). */
    public static final String QUALITY_FIELD = "~q";

    private BucketKeys() {
    }

    public static long hourStart(long epochMs) {
        return Math.floorDiv(epochMs, HOUR_MS) * HOUR_MS;
    }

    public static long dayStart(long epochMs) {
        return Math.floorDiv(epochMs, DAY_MS) * DAY_MS;
    }

    public static long minuteStart(long epochMs) {
        return Math.floorDiv(epochMs, MINUTE_MS) * MINUTE_MS;
    }

    /** Minute of the hour, 0..59. */
    public static int minuteOfHour(long epochMs) {
        return (int) ((epochMs - hourStart(epochMs)) / MINUTE_MS);
    }

    /** Millisecond of the minute, 0..59999: the sample's slot. */
    public static int msOfMinute(long epochMs) {
        return (int) Math.floorMod(epochMs, MINUTE_MS);
    }

    /** Hour of the day, 0..23. */
    public static int hourOfDay(long epochMs) {
        return (int) ((epochMs - dayStart(epochMs)) / HOUR_MS);
    }

    /** Id of the raw and minute-rollup document of a device and hour. */
    public static String hourId(String deviceId, long hourStartMs) {
        return deviceId + "|" + hourStartMs / 1000;
    }

    /** Id of the hour-rollup document of a device and day. */
    public static String dayId(String deviceId, long dayStartMs) {
        return deviceId + "|" + dayStartMs / 1000;
    }

    public static long epochMs(Instant instant) {
        return instant.toEpochMilli();
    }

    /**
     * A channel name as a MongoDB field name: '.' would be read as a path and a leading '$' as an operator, a
     * leading '~' is reserved for the quality field. Each is replaced by its full-width form.
     */
    public static String field(String channel) {
        String escaped = channel.replace('.', '\uFF0E');
        if (escaped.startsWith("$")) {
            escaped = '\uFF04' + escaped.substring(1);
        } else if (escaped.startsWith("~")) {
            escaped = '\uFF5E' + escaped.substring(1);
        }
        return escaped;
    }

    /** The inverse of {@link #field(String)}. */
    public static String channel(String field) {
        String name = field.replace('\uFF0E', '.');
        if (name.startsWith("\uFF04")) {
            name = '$' + name.substring(1);
        } else if (name.startsWith("\uFF5E")) {
            name = '~' + name.substring(1);
        }
        return name;
    }
}
