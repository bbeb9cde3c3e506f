package io.plantwatch.detection.detector;

import io.plantwatch.contracts.event.Severity;

/** Severity from how far a statistic lies beyond its threshold. */
public final class Severities {

    private Severities() {
    }

    /**
     * Severity of a verdict whose statistic is {@code ratio} times its threshold (ratio ≥ 1 when firing):
     * below 1.5 WARNING, below 3 MINOR, below 6 MAJOR, else CRITICAL; below 1 (not firing) INFO.
     */
    public static Severity fromRatio(double ratio) {
        if (!(ratio >= 1)) {
            return Severity.INFO;
        }
        if (ratio < 1.5) {
            return Severity.WARNING;
        }
        if (ratio < 3) {
            return Severity.MINOR;
        }
        if (ratio < 6) {
            return Severity.MAJOR;
        }
        return Severity.CRITICAL;
    }

    /** Maps ratio = statistic / threshold to [0, 1) with 0.5 at the threshold: r / (1 + r). */
    public static double score01(double ratio) {
        if (!(ratio > 0)) {
            return 0;
        }
        if (Double.isInfinite(ratio)) {
            return 1;
        }
        return ratio / (1 + ratio);
    }
}
