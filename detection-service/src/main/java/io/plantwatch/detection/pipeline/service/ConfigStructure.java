package io.plantwatch.detection.pipeline.service;

import io.plantwatch.detection.detector.DetectorConfig;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.TreeSet;

/**
 * Fingerprint of the parts of a {@link DetectorConfig} that a {@link io.plantwatch.detection.detector.DetectorSnapshot}'s
 * layout depends on: the enabled detectors, the warm-up length and the per-detector parameters (window lengths and
 * the like). A state can be carried over to a configuration with the same fingerprint; channel settings, the
 * sensitivities, the alarm rules and the alarm-opening detectors may differ (they apply in place).
 */
public final class ConfigStructure {

    private ConfigStructure() {
    }

    public static String of(DetectorConfig c) {
        // sorted: a Set's iteration order differs between JVM runs
        String s = new TreeSet<>(c.detectors()) + "|" + c.trainSamples() + "|" + c.zscore() + "|" + c.ewma() + "|"
                + c.rate() + "|" + c.flatline() + "|" + c.mewma() + "|" + c.pca() + "|" + c.ocsvm();
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8)), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** True when a state of {@code from} can be restored under {@code to}. */
    public static boolean compatible(DetectorConfig from, DetectorConfig to) {
        return of(from).equals(of(to));
    }
}
