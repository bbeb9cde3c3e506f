package io.plantwatch.report.device.service;

import io.plantwatch.report.device.repository.DeviceStore;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Devices, sites and channel units, from the registry projection. */
@ApplicationScoped
public class DeviceDirectory {

    private final DeviceStore store;

    public DeviceDirectory(DeviceStore store) {
        this.store = store;
    }

    public DeviceInfo device(String deviceId) {
        return store.find(deviceId).map(DeviceDirectory::toInfo).orElseGet(() -> DeviceInfo.unknown(deviceId));
    }

    /** The devices by id, in the order given; unknown ones by their id alone. */
    public Map<String, DeviceInfo> devices(List<String> deviceIds) {
        Map<String, DeviceInfo> found = new HashMap<>();
        store.findAll(deviceIds).forEach(d -> found.put(d.getString("_id"), toInfo(d)));
        Map<String, DeviceInfo> ordered = new LinkedHashMap<>();
        deviceIds.forEach(id -> ordered.put(id, found.getOrDefault(id, DeviceInfo.unknown(id))));
        return ordered;
    }

    /** Ids of the devices of a site (and line, when given), sorted. */
    public List<String> deviceIdsOfSite(String site, String line) {
        List<String> ids = new ArrayList<>();
        store.ofSite(site, line).forEach(d -> ids.add(d.getString("_id")));
        ids.sort(String::compareTo);
        return ids;
    }

    /**
     * Factor that turns a channel's values into kW when it is a power channel, else null: by its unit (W, kW, MW)
     * or, with no unit known, by its name ("power…", taken as watts unless it ends in "kw").
     */
    public static Double kilowattFactor(String channel, String unit) {
        if (unit != null && !unit.isBlank()) {
            switch (unit.trim()) {
                case "W": return 0.001;
                case "kW": return 1.0;
                case "MW": return 1000.0;
                default: return null;
            }
        }
        String name = channel.toLowerCase(Locale.ROOT);
        if (!name.contains("power")) {
            return null;
        }
        return name.endsWith("kw") ? 1.0 : 0.001;
    }

    private static DeviceInfo toInfo(Document d) {
        Map<String, String> units = new LinkedHashMap<>();
        List<Document> channels = d.getList("channels", Document.class, List.of());
        channels.forEach(c -> {
            if (c.getString("unit") != null) {
                units.put(c.getString("name"), c.getString("unit"));
            }
        });
        String name = d.getString("name");
        return new DeviceInfo(d.getString("_id"), name == null ? d.getString("_id") : name, d.getString("site"),
                d.getString("line"), units);
    }
}
