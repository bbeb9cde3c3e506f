package io.plantwatch.detection.pipeline.repository;

import io.plantwatch.detection.detector.DetectorSnapshot;

import java.time.Instant;

/**
 * A device's saved detector state and where its stream stood.
 *
 * @param deviceId      the device
 * @param partition     partition of plant.readings its readings arrive on
 * @param structure     fingerprint of the configuration parts the state layout depends on
 * @param snapshot      the detector state
 * @param lastTs        device time of the last sample evaluated (null before the first)
 * @param lastReadingId id of that reading
 * @param lastWallMillis wall-clock time (epoch ms) at which it was evaluated
 */
public record StoredState(String deviceId, int partition, String structure, DetectorSnapshot snapshot,
        Instant lastTs, String lastReadingId, long lastWallMillis) {
}
