package io.plantwatch.detection.cause.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Probable-cause settings ({@code plantwatch.causes.*}). */
@ConfigMapping(prefix = "plantwatch.causes")
public interface CausesConfig {

    /** Below this classifier probability the suggestion is "unknown", never a guess. */
    @WithDefault("0.6")
    double confidenceFloor();

    /**
     * Out-of-distribution margin: a window farther from every labelled class centroid (standardised features) than
     * this times the farthest training window's leave-one-out distance to its own class is "unknown".
     */
    @WithDefault("1.5")
    double oodMargin();

    /** Samples before an anomaly that form its window (live classification). */
    @WithDefault("30")
    int windowSamples();

    /** Samples before the window that stand for the device's recent normal (live classification). */
    @WithDefault("120")
    int baselineSamples();

    /** Baseline of a labelled window: this many window lengths of history before it. */
    @WithDefault("4")
    int baselineWindows();
}
