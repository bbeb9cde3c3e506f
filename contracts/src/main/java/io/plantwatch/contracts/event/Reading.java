package io.plantwatch.contracts.event;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One device sample: every channel the device reported at one instant.
 *
 * @param schemaVersion {@link #SCHEMA_VERSION} when produced
 * @param id            stable id (derived from deviceId + ts by ingest), so a replay is recognised
 * @param deviceId      registry id of the device; also the Kafka key
 * @param ts            device time of the sample
 * @param receivedAt    when ingest accepted it
 * @param source        how it arrived
 * @param values        channel name to value, finite doubles only
 * @param quality       BAD when a value lies outside its channel's valid range
 */
public record Reading(
        int schemaVersion,
        String id,
        String deviceId,
        Instant ts,
        Instant receivedAt,
        Source source,
        Map<String, Double> values,
        Quality quality) {

    public static final int SCHEMA_VERSION = 1;

    public Reading {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(ts, "ts");
        values = values == null ? Map.of() : values;
        quality = quality == null ? Quality.GOOD : quality;
    }

    public static Reading of(String id, String deviceId, Instant ts, Instant receivedAt, Source source,
            Map<String, Double> values, Quality quality) {
        return new Reading(SCHEMA_VERSION, id, deviceId, ts, receivedAt, source, values, quality);
    }
}
