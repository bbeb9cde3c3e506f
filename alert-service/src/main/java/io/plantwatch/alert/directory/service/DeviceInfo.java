package io.plantwatch.alert.directory.service;

import java.util.List;

/**
 * What alert-service knows about a device: where it is and what its channels are.
 *
 * @param enabled false for a device the registry disabled (its silence raises no alarm)
 */
public record DeviceInfo(String deviceId, String name, String site, String line, boolean enabled,
        List<ChannelInfo> channels) {

    /** A device nobody registered (anomalies may still come from it). */
    public static DeviceInfo unknown(String deviceId) {
        return new DeviceInfo(deviceId, deviceId, null, null, true, List.of());
    }

    public ChannelInfo channel(String name) {
        return channels.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }

    /**
     * Expected seconds between samples of a channel; for a device-level channel ("*") the slowest channel's, null
     * when unknown.
     */
    public Double expectedPeriodSeconds(String channel) {
        ChannelInfo c = channel(channel);
        if (c != null) {
            return c.expectedPeriodSeconds();
        }
        return channels.stream().map(ChannelInfo::expectedPeriodSeconds).filter(p -> p != null && p > 0)
                .max(Double::compare).orElse(null);
    }

    /** One channel: unit for people, alarm range, expected sampling period. */
    public record ChannelInfo(String name, String unit, Double alarmLow, Double alarmHigh, Double expectedPeriodSeconds) {
    }
}
