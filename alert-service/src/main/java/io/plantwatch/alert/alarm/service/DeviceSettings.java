package io.plantwatch.alert.alarm.service;

import java.time.Instant;

/**
 * A device's alarm settings and what they amount to.
 *
 * @param clearAfterSamples  N: clear after N quiet samples when the channel's period is known (null: default)
 * @param clearAfter         T (ISO-8601): clear after this quiet time otherwise (null: default)
 * @param effectiveClearAfter the quiet time a new, non-flapping alarm of the device's slowest channel gets now
 */
public record DeviceSettings(String deviceId, Integer clearAfterSamples, String clearAfter,
        String effectiveClearAfter, String updatedBy, Instant updatedAt) {
}
