package io.plantwatch.gateway.live.service;

import java.util.Set;

/**
 * What one client wants: events of these devices and/or sites, of these types. An empty set means "all". Stream
 * events (hello, heartbeat, gap) always pass.
 */
public record LiveFilter(Set<String> deviceIds, Set<String> sites, Set<String> types) {

    public LiveFilter {
        deviceIds = Set.copyOf(deviceIds);
        sites = Set.copyOf(sites);
        types = Set.copyOf(types);
    }

    public static LiveFilter all() {
        return new LiveFilter(Set.of(), Set.of(), Set.of());
    }

    public boolean matches(LiveEvent event) {
        if (!LiveEvent.FILTERABLE.contains(event.type())) {
            return true;
        }
        if (!types.isEmpty() && !types.contains(event.type())) {
            return false;
        }
        boolean scoped = !deviceIds.isEmpty() || !sites.isEmpty();
        if (!scoped) {
            return true;
        }
        return deviceIds.contains(event.deviceId()) || (event.site() != null && sites.contains(event.site()));
    }

    /** Whether a reading of {@code deviceId} (in {@code site}, may be null) would reach this client. */
    public boolean wantsReadingOf(String deviceId, String site) {
        if (!types.isEmpty() && !types.contains(LiveEvent.READING)) {
            return false;
        }
        boolean scoped = !deviceIds.isEmpty() || !sites.isEmpty();
        return !scoped || deviceIds.contains(deviceId) || (site != null && sites.contains(site));
    }
}
