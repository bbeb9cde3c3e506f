package io.plantwatch.detection.pipeline.service;

import io.plantwatch.detection.detector.DetectorConfig;
import io.plantwatch.detection.detector.DeviceDetector;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The trained models bound to devices (model registry selections), as the live engine needs them. The engine asks on
 * the engine thread whenever it builds or restores a device's detector, so implementations answer from memory.
 */
public interface DeviceModels {

    /** Device-level detector names a model may replace. */
    List<String> DEVICE_LEVEL = List.of(DetectorConfig.MEWMA, DetectorConfig.PCA, DetectorConfig.OCSVM);

    /** The model bound to {@code deviceId}, or null: the device then learns its own device-level model. */
    Binding bindingOf(String deviceId);

    /**
     * A model bound to a device.
     *
     * @param key         identifies model and version (e.g. {@code m-42:v2}); a state stored under another key is not
     *                    restored, so switching the model switches the detector
     * @param model       the trained device-level detector
     * @param modelConfig the configuration it was trained with (its algorithm's parameters)
     */
    record Binding(String key, DeviceDetector.PretrainedModel model, DetectorConfig modelConfig) {
    }

    /**
     * The device's configuration with the model's algorithm as its only device-level detector (with the parameters it
     * was trained with), opening alarms in place of the learned device-level detector.
     */
    static DetectorConfig withModel(DetectorConfig base, Binding binding) {
        String algorithm = binding.model().algorithm();
        Set<String> detectors = new LinkedHashSet<>(base.detectors());
        detectors.removeAll(DEVICE_LEVEL);
        detectors.add(algorithm);
        Set<String> alarm = new LinkedHashSet<>(base.alarmDetectors() != null ? base.alarmDetectors()
                : base.effectiveAlarmDetectors(binding.model().channels().size()));
        alarm.removeAll(DEVICE_LEVEL);
        alarm.add(algorithm);
        DetectorConfig m = binding.modelConfig();
        return new DetectorConfig(base.deviceId(), base.channels(), detectors, alarm, base.trainSamples(),
                base.sensitivity(), base.alarm(), base.zscore(), base.ewma(), base.rate(), base.flatline(),
                base.missing(), m.mewma(), m.pca(), m.ocsvm());
    }
}
