package io.plantwatch.contracts.event;

import java.time.Instant;

/**
 * A device's detection session started or stopped, published on every start / stop (compacted topic: the latest
 * event per device is its state). Every detection instance applies it live: a stopped device is not evaluated (no
 * detector runs, no anomaly is raised) until a session is started again.
 *
 * @param schemaVersion {@link #SCHEMA_VERSION} when produced
 * @param deviceId      device; also the Kafka key
 * @param sessionId     the session started (a new id on every start), or the one stopped
 * @param active        true on a start, false on a stop
 * @param modelId       the model selected on the device when the session started, or null
 * @param changedBy     user who started or stopped it
 * @param revision      increases with each start / stop of the device (ignore older revisions)
 * @param at            when it was started or stopped
 */
public record DetectionSessionEvent(int schemaVersion, String deviceId, String sessionId, boolean active,
        String modelId, String changedBy, long revision, Instant at) {

    public static final int SCHEMA_VERSION = 1;
}
