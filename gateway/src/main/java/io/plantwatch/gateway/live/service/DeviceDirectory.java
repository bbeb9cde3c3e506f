package io.plantwatch.gateway.live.service;

import io.plantwatch.contracts.event.DeviceEvent;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** deviceId → site, from the registry's {@code plant.devices} events: lets the feed filter readings by site. */
@ApplicationScoped
public class DeviceDirectory {

    private final Map<String, String> sites = new ConcurrentHashMap<>();

    public void apply(DeviceEvent event) {
        if (event.deleted() || event.site() == null) {
            sites.remove(event.deviceId());
        } else {
            sites.put(event.deviceId(), event.site());
        }
    }

    /** The device's site, or null while the registry has not said. */
    public String siteOf(String deviceId) {
        return deviceId == null ? null : sites.get(deviceId);
    }
}
