package io.plantwatch.detection.detector.util;

import java.util.Arrays;

/** Small batch statistics used when fitting detectors on their training samples (not on the hot path). */
public final class Stats {

    private Stats() {
    }

    /** Median of the first n values (numpy semantics: mean of the middle two for even n). */
    public static double median(double[] v, int n) {
        if (n <= 0) {
            return Double.NaN;
        }
        double[] c = Arrays.copyOf(v, n);
        Arrays.sort(c);
        int h = n >>> 1;
        return (n & 1) == 1 ? c[h] : 0.5 * (c[h - 1] + c[h]);
    }

    /** Median absolute deviation about the median (unscaled). */
    public static double mad(double[] v, int n) {
        double m = median(v, n);
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = Math.abs(v[i] - m);
        }
        return median(d, n);
    }

    public static double mean(double[] v, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += v[i];
        }
        return n == 0 ? Double.NaN : s / n;
    }

    /** Population standard deviation (numpy {@code std}, ddof = 0). */
    public static double std(double[] v, int n) {
        if (n == 0) {
            return Double.NaN;
        }
        double m = mean(v, n);
        double s = 0;
        for (int i = 0; i < n; i++) {
            double d = v[i] - m;
            s += d * d;
        }
        return Math.sqrt(s / n);
    }

    /** Population variance of the first differences. */
    public static double diffVariance(double[] v, int n) {
        if (n < 3) {
            return 0;
        }
        double[] d = new double[n - 1];
        for (int i = 1; i < n; i++) {
            d[i - 1] = v[i] - v[i - 1];
        }
        double s = std(d, n - 1);
        return s * s;
    }

    /** Quantile with linear interpolation between order statistics (numpy default). */
    public static double quantile(double[] v, int n, double q) {
        if (n <= 0) {
            return Double.NaN;
        }
        double[] c = Arrays.copyOf(v, n);
        Arrays.sort(c);
        return sortedQuantile(c, n, q);
    }

    public static double sortedQuantile(double[] c, int n, double q) {
        double pos = q * (n - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, n - 1);
        double f = pos - lo;
        return c[lo] + (c[hi] - c[lo]) * f;
    }

    /**
     * Dominant period of a series from its (unbiased) autocorrelation: the highest peak after the first zero
     * crossing (and not before {@code minLag}), accepted when its autocorrelation is at least {@code minAcf}.
     *
     * @return the period in samples, or 0 when the series is not clearly periodic
     */
    public static int dominantPeriod(double[] v, int n, double minAcf, int minLag) {
        if (n < 8) {
            return 0;
        }
        double m = mean(v, n);
        double[] x = new double[n];
        double var = 0;
        for (int i = 0; i < n; i++) {
            x[i] = v[i] - m;
            var += x[i] * x[i];
        }
        var /= n;
        if (var <= 0) {
            return 0;
        }
        int maxLag = n / 2 - 1;
        if (maxLag < 1) {
            return 0;
        }
        double[] ac = new double[maxLag];
        int firstNeg = -1;
        for (int lag = 1; lag <= maxLag; lag++) {
            double s = 0;
            for (int i = 0; i + lag < n; i++) {
                s += x[i] * x[i + lag];
            }
            ac[lag - 1] = s / (n - lag) / var;
            if (firstNeg < 0 && ac[lag - 1] < 0) {
                firstNeg = lag - 1;
            }
        }
        if (firstNeg < 0) {
            return 0;
        }
        int start = Math.max(firstNeg, minLag);
        if (start >= maxLag) {
            return 0;
        }
        int best = start;
        for (int i = start + 1; i < maxLag; i++) {
            if (ac[i] > ac[best]) {
                best = i;
            }
        }
        return ac[best] >= minAcf ? best + 1 : 0;
    }
}
