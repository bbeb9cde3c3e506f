package io.plantwatch.contracts.event;

import java.time.Instant;
import java.util.List;

/**
 * The registry's current view of a device, published on every change (compacted topic: the latest event per
 * device is its state). Services that need sites, ranges or expected periods keep a projection of it.
 *
 * @param schemaVersion {@link #SCHEMA_VERSION} when produced
 * @param deviceId      registry id; also the Kafka key
 * @param name          display name
 * @param site          site (plant) the device belongs to
 * @param line          production line within the site
 * @param protocol      http, mqtt, modbus-tcp, opcua, s7, serial
 * @param enabled       false when the device is disabled (no polling, no alarms from silence)
 * @param deleted       true on the event that removes the device
 * @param channels      its channels
 * @param revision      increases with each change of the device
 * @param at            when the change was made
 */
public record DeviceEvent(int schemaVersion, String deviceId, String name, String site, String line, String protocol,
        boolean enabled, boolean deleted, List<Channel> channels, long revision, Instant at) {

    public static final int SCHEMA_VERSION = 1;

    public DeviceEvent {
        channels = channels == null ? List.of() : List.copyOf(channels);
    }

    /**
     * One channel of a device.
     *
     * @param name                  channel name as in {@link Reading#values()}
     * @param unit                  unit for people ("bar", "V")
     * @param validLow              lowest physically valid value (below: quality BAD), or null
     * @param validHigh             highest physically valid value, or null
     * @param alarmLow              low alarm limit, or null
     * @param alarmHigh             high alarm limit, or null
     * @param expectedPeriodSeconds expected seconds between samples (missing-data and offline detection), or null
     */
    public record Channel(String name, String unit, Double validLow, Double validHigh, Double alarmLow,
            Double alarmHigh, Double expectedPeriodSeconds) {
    }
}
