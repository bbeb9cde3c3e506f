package io.plantwatch.detection.cause.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Features of an anomaly window, relative to the device's own recent normal (the baseline just before the window), so
 * that one classifier serves every device of a type whatever its operating point. Per channel: the shift of the mean
 * in baseline σ, the log ratio of the spreads, and the largest deviation in baseline σ. Plain Java.
 */
public final class CauseFeatures {

    private CauseFeatures() {
    }

    /**
     * @param channels the channels, in a fixed order (sorted names)
     * @param baseline rows before the window (normal operation), columns in {@code channels} order
     * @param window   rows of the anomaly window
     * @return feature name → value
     */
    public static Map<String, Double> of(List<String> channels, List<double[]> baseline, List<double[]> window) {
        if (baseline.size() < 3 || window.isEmpty()) {
            throw new IllegalArgumentException("need at least 3 baseline rows and 1 window row, got "
                    + baseline.size() + " and " + window.size());
        }
        Map<String, Double> f = new LinkedHashMap<>();
        for (int c = 0; c < channels.size(); c++) {
            double[] b = column(baseline, c);
            double[] w = column(window, c);
            double bm = mean(b);
            double bs = Math.max(std(b, bm), 1e-6 * Math.max(1, Math.abs(bm)));
            double wm = mean(w);
            double ws = std(w, wm);
            double peak = 0;
            for (double v : w) {
                peak = Math.abs(v - bm) > Math.abs(peak) ? v - bm : peak;
            }
            String n = channels.get(c);
            f.put(n + ":shift", clip((wm - bm) / bs));
            f.put(n + ":spread", clip(Math.log((ws + 1e-9) / bs)));
            f.put(n + ":peak", clip(peak / bs));
        }
        return f;
    }

    private static double clip(double v) {
        return Math.max(-50, Math.min(50, v));
    }

    private static double[] column(List<double[]> rows, int c) {
        List<Double> out = new ArrayList<>(rows.size());
        for (double[] r : rows) {
            if (!Double.isNaN(r[c])) {
                out.add(r[c]);
            }
        }
        double[] a = new double[out.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = out.get(i);
        }
        return a.length == 0 ? new double[] {0} : a;
    }

    private static double mean(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v;
        }
        return s / a.length;
    }

    private static double std(double[] a, double m) {
        if (a.length < 2) {
            return 0;
        }
        double s = 0;
        for (double v : a) {
            s += (v - m) * (v - m);
        }
        return Math.sqrt(s / (a.length - 1));
    }
}
