package io.plantwatch.contracts.event;

import java.time.Instant;

/**
 * A device went online or offline.
 *
 * @param schemaVersion {@link #SCHEMA_VERSION} when produced
 * @param deviceId      device; also the Kafka key
 * @param online        true when the device is sending again
 * @param lastSeen      time of the device's latest sample, null if it never sent one
 * @param at            when the change was detected
 * @param reason        why, e.g. "no sample for 30 s (3 x 10 s)" or "modbus: connection refused"
 */
public record DeviceStatus(int schemaVersion, String deviceId, boolean online, Instant lastSeen, Instant at, String reason) {

    public static final int SCHEMA_VERSION = 1;

    public static DeviceStatus of(String deviceId, boolean online, Instant lastSeen, Instant at, String reason) {
        return new DeviceStatus(SCHEMA_VERSION, deviceId, online, lastSeen, at, reason);
    }
}
