package io.plantwatch.contracts.event;

import java.time.Instant;
import java.util.List;

/**
 * A payload PlantWatch could not accept, kept with the reason instead of being dropped.
 *
 * @param schemaVersion {@link #SCHEMA_VERSION} when produced
 * @param id            unique id of this record
 * @param deviceId      device, or "unknown" when it could not be read
 * @param source        how the payload arrived
 * @param reason        short machine-readable reason, e.g. "unknown-device", "non-finite-value"
 * @param errors        one human line per bad field
 * @param payload       the payload as received (truncated to a bounded size)
 * @param at            when it was rejected
 */
public record DeadLetter(int schemaVersion, String id, String deviceId, Source source, String reason,
        List<String> errors, String payload, Instant at) {

    public static final int SCHEMA_VERSION = 1;

    /** Key used on the DLQ topic when the device is not known. */
    public static final String UNKNOWN_DEVICE = "unknown";
}
