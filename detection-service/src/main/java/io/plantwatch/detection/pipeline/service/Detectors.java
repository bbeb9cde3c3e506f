package io.plantwatch.detection.pipeline.service;

import io.plantwatch.detection.detector.DetectorConfig;
import io.plantwatch.detection.detector.DetectorSnapshot;
import io.plantwatch.detection.detector.DeviceDetector;
import org.jboss.logging.Logger;

/** Carries a detector's learned state over to a (possibly changed) configuration, or starts learning again. */
public final class Detectors {

    private static final Logger LOG = Logger.getLogger(Detectors.class);

    private Detectors() {
    }

    /**
     * A detector for {@code config} continuing from {@code snapshot} when its layout fits (same
     * {@link ConfigStructure}), else a fresh one that learns again.
     */
    public static DeviceDetector restoreOrFresh(DetectorConfig config, String snapshotStructure,
            DetectorSnapshot snapshot) {
        if (snapshot == null) {
            return new DeviceDetector(config);
        }
        if (!ConfigStructure.of(config).equals(snapshotStructure)) {
            LOG.infof("device %s: the enabled detectors, warm-up or detector parameters changed; learning again",
                    config.deviceId());
            return new DeviceDetector(config);
        }
        try {
            return DeviceDetector.restore(config, snapshot);
        } catch (RuntimeException e) {
            LOG.warnf("device %s: cannot restore its detector state (%s); learning again", config.deviceId(),
                    e.getMessage());
            return new DeviceDetector(config);
        }
    }

    /** The same detector under a new configuration, keeping what it learned when the layout allows. */
    public static DeviceDetector reconfigure(DeviceDetector current, DetectorConfig config) {
        if (current.config().equals(config)) {
            return current;
        }
        return restoreOrFresh(config, ConfigStructure.of(current.config()), current.snapshot());
    }
}
