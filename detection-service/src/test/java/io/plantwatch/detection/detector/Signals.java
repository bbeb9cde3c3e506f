package io.plantwatch.detection.detector;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Synthetic signals with known answers (seeded, so every run sees the same data). */
final class Signals {

    static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    private Signals() {
    }

    static Instant ts(int i) {
        return T0.plusSeconds(i);
    }

    /** Gaussian noise around {@code level}. */
    static double[] noise(int n, double level, double sd, long seed) {
        Random r = new Random(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = level + sd * r.nextGaussian();
        }
        return x;
    }

    /** Runs a one-channel stream through an engine; returns the results per sample. */
    static List<SampleResult> run(DeviceDetector d, String channel, double[] x) {
        List<SampleResult> out = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            d.evaluate(ts(i), Map.of(channel, x[i]));
            out.add(d.lastResult());
        }
        return out;
    }

    /** Runs a multi-channel stream (rows × channels) through an engine. */
    static List<SampleResult> run(DeviceDetector d, List<String> channels, double[][] rows) {
        List<SampleResult> out = new ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            d.evaluate(ts(i), row(channels, rows[i]));
            out.add(d.lastResult());
        }
        return out;
    }

    static Map<String, Double> row(List<String> channels, double[] v) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int c = 0; c < channels.size(); c++) {
            m.put(channels.get(c), v[c]);
        }
        return m;
    }

    /** Indices of samples with a verdict of the given detector. */
    static List<Integer> firing(List<SampleResult> results, String detector) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            for (Verdict v : results.get(i).verdicts()) {
                if (v.detector().equals(detector)) {
                    idx.add(i);
                    break;
                }
            }
        }
        return idx;
    }

    static List<Verdict> verdicts(List<SampleResult> results, String detector) {
        List<Verdict> out = new ArrayList<>();
        for (SampleResult r : results) {
            for (Verdict v : r.verdicts()) {
                if (v.detector().equals(detector)) {
                    out.add(v);
                }
            }
        }
        return out;
    }

    static int onsets(List<SampleResult> results) {
        int n = 0;
        for (SampleResult r : results) {
            if (r.alarmOnset()) {
                n++;
            }
        }
        return n;
    }

    static int activeRows(List<SampleResult> results) {
        int n = 0;
        for (SampleResult r : results) {
            if (r.alarmActive()) {
                n++;
            }
        }
        return n;
    }

    /**
     * A plant-like normal device: 6 channels at 1 Hz with noise, a slow linear drift, a slow oscillation, a
     * thermal random walk, a quantised flow and a correlated pair.
     */
    static double[][] plant(int n, long seed) {
        Random r = new Random(seed);
        double[][] x = new double[n][6];
        double walk = 70;
        for (int i = 0; i < n; i++) {
            double a = r.nextGaussian();
            walk += 0.02 * r.nextGaussian();
            x[i][0] = 10 + r.nextGaussian() + 4.0 * i / n;
            x[i][1] = 5 + 0.5 * r.nextGaussian() + 1.5 * Math.sin(2 * Math.PI * i / 3600.0);
            x[i][2] = walk + 0.1 * r.nextGaussian();
            x[i][3] = Math.round(32 + 0.4 * r.nextGaussian() + 0.5 * Math.sin(2 * Math.PI * i / 5000.0));
            x[i][4] = 1 + 0.5 * a + 0.1 * r.nextGaussian();
            x[i][5] = 2 + a + 0.2 * r.nextGaussian();
        }
        return x;
    }

    static final List<String> PLANT = List.of("load", "pressure", "temperature", "flow", "current", "power");
}
