package io.plantwatch.detection.detector;

/**
 * What per-channel detectors know about their channel: name, unit, effective sensitivity and the sampling period
 * learned in the warm-up (used for rates, missing data and human durations in messages).
 */
public final class ChannelContext {

    private final String name;
    private final String unit;
    private final double sensitivity;
    private double periodMillis = Double.NaN;

    public ChannelContext(String name, String unit, double sensitivity) {
        this.name = name;
        this.unit = unit == null ? "" : unit;
        this.sensitivity = sensitivity;
    }

    public String name() {
        return name;
    }

    public String unit() {
        return unit;
    }

    /** Global × channel sensitivity; statistical thresholds are divided by it. */
    public double sensitivity() {
        return sensitivity;
    }

    /** Median sampling interval of the warm-up, NaN before it is known. */
    public double periodMillis() {
        return periodMillis;
    }

    public void periodMillis(double p) {
        periodMillis = p;
    }
}
