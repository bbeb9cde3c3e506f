package io.plantwatch.report.device.service;

import java.util.Map;

/** What reports know of a device from the registry: display name, site, line, unit per channel. */
public record DeviceInfo(String deviceId, String name, String site, String line, Map<String, String> units) {

    /** A device not (yet) seen on plant.devices: its id stands in for its name. */
    public static DeviceInfo unknown(String deviceId) {
        return new DeviceInfo(deviceId, deviceId, null, null, Map.of());
    }

    public String unit(String channel) {
        return units.get(channel);
    }
}
