package io.plantwatch.report.stats.service;

import java.util.Arrays;

/**
 * Exact statistics of one channel over a stream of samples in time order: Welford's mean and variance, every value
 * kept for the percentile, and the trapezoid integral of the values over time (for energy).
 */
final class ChannelAccumulator {

    private long count;
    private double mean;
    private double m2;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    private double[] values = new double[64];
    private long lastTs = Long.MIN_VALUE;
    private double lastValue;
    private double integralValueHours;

    void add(long epochMs, double value, long maxGapMs) {
        count++;
        double delta = value - mean;
        mean += delta / count;
        m2 += delta * (value - mean);
        min = Math.min(min, value);
        max = Math.max(max, value);
        if (count > values.length) {
            values = Arrays.copyOf(values, values.length * 2);
        }
        values[(int) count - 1] = value;
        if (lastTs != Long.MIN_VALUE && epochMs - lastTs <= maxGapMs) {
            integralValueHours += (lastValue + value) / 2 * (epochMs - lastTs) / 3_600_000.0;
        }
        lastTs = epochMs;
        lastValue = value;
    }

    long count() {
        return count;
    }

    double mean() {
        return mean;
    }

    double min() {
        return min;
    }

    double max() {
        return max;
    }

    /** Population standard deviation. */
    double stddev() {
        return count == 0 ? Double.NaN : Math.sqrt(m2 / count);
    }

    double percentile(double p) {
        double[] sorted = Arrays.copyOf(values, (int) count);
        Arrays.sort(sorted);
        return Percentiles.linear(sorted, p);
    }

    /** The integral of the values over time, in value × hours. */
    double integralValueHours() {
        return integralValueHours;
    }
}
