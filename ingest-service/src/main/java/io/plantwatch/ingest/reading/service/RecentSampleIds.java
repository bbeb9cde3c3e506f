package io.plantwatch.ingest.reading.service;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The latest sample ids each device sent, bounded per device, to reject replays of the same sample. */
public final class RecentSampleIds {

    private final int perDevice;
    private final Map<String, Map<String, Boolean>> byDevice = new ConcurrentHashMap<>();

    public RecentSampleIds(int perDevice) {
        this.perDevice = perDevice;
    }

    public boolean seen(String deviceId, String sampleId) {
        Map<String, Boolean> ids = byDevice.get(deviceId);
        if (ids == null) {
            return false;
        }
        synchronized (ids) {
            return ids.containsKey(sampleId);
        }
    }

    /** Remembers ids that Kafka has confirmed; the oldest are forgotten beyond the bound. */
    public void remember(String deviceId, Collection<String> sampleIds) {
        if (sampleIds.isEmpty()) {
            return;
        }
        Map<String, Boolean> ids = byDevice.computeIfAbsent(deviceId, d -> new LinkedHashMap<>(64, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > perDevice;
            }
        });
        synchronized (ids) {
            sampleIds.forEach(id -> ids.put(id, Boolean.TRUE));
        }
    }

    public void forget(String deviceId) {
        byDevice.remove(deviceId);
    }
}
