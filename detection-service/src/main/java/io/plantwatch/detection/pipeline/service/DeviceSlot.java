package io.plantwatch.detection.pipeline.service;

import io.plantwatch.detection.detector.DeviceDetector;
import io.plantwatch.detection.pipeline.repository.StoredState;

import java.time.Instant;

/** One device's live state on the engine thread: its detector and where its stream stands. Not thread-safe. */
final class DeviceSlot {

    final String deviceId;
    DeviceDetector detector;
    /** Partition of plant.readings the device's readings arrive on; -1 until known. */
    int partition = -1;
    /** Device time of the last sample evaluated; a sample at or before it is a replay (or late) and is skipped. */
    Instant lastTs;
    String lastReadingId;
    /** Wall-clock time (epoch ms) at which the last sample was evaluated. */
    long lastWallMillis;
    /** Newest reading not judged because the device\'s detection is stopped (status only). */
    Instant lastStoppedTs;
    /** Changed since the last snapshot. */
    boolean dirty;
    /** {@link DeviceModels.Binding#key()} of the registry model in use, or null. */
    String modelKey;

    DeviceSlot(String deviceId, DeviceDetector detector) {
        this.deviceId = deviceId;
        this.detector = detector;
    }

    /**
     * The device's clock now: its last sample's time plus the wall-clock time since that sample was evaluated. Missing
     * data is judged on this clock, so a device whose clock is off, or a replay of old data, is not "missing".
     */
    Instant deviceNow(long wallMillis) {
        return lastTs == null ? null : lastTs.plusMillis(Math.max(0, wallMillis - lastWallMillis));
    }

    /** The layout fingerprint of a state: configuration structure plus the registry model it runs. */
    static String structure(io.plantwatch.detection.detector.DetectorConfig config, String modelKey) {
        return ConfigStructure.of(config) + (modelKey == null ? "" : "@" + modelKey);
    }

    StoredState toStored() {
        return new StoredState(deviceId, partition, structure(detector.config(), modelKey), detector.snapshot(), lastTs,
                lastReadingId, lastWallMillis);
    }
}
