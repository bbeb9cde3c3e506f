package io.plantwatch.detection.backtest;

import io.plantwatch.detection.detector.DetectorConfig;
import io.plantwatch.detection.detector.DeviceDetector;
import io.plantwatch.detection.detector.SampleResult;
import io.plantwatch.detection.detector.Verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs the live engine ({@link DeviceDetector}, exactly as the service does) over recorded samples. Used by
 * {@link BacktestCommand} and by the service's {@code POST /detection/backtest}.
 */
public final class BacktestRunner {

    /** Receives every evaluated row (e.g. to write the per-row output). */
    @FunctionalInterface
    public interface RowListener {
        void row(int index, Sample sample, SampleResult result);
    }

    private BacktestRunner() {
    }

    /**
     * The warm-up a benchmark's protocol prescribes: 400 rows for SKAB, the NAB probation period (15 % of the file,
     * at most 750 rows) for NAB, else the configured {@code trainSamples}.
     */
    public static int defaultTrainRows(CsvSamples.Format format, int rows, int configured) {
        return switch (format) {
            case SKAB -> 400;
            case NAB -> Math.max(10, Math.min((int) Math.floor(0.15 * rows), 750));
            case GENERIC -> configured;
        };
    }

    /** Backtest over an in-memory CSV. */
    public static BacktestSummary run(String csv, CsvSamples.Format format, DetectorConfig config) {
        return run(CsvSamples.parse(csv, format).samples(), config, null);
    }

    /**
     * Backtest over samples.
     *
     * @param config   engine configuration (its {@code trainSamples} is the warm-up)
     * @param listener per-row callback, may be null
     */
    public static BacktestSummary run(List<Sample> samples, DetectorConfig config, RowListener listener) {
        long t0 = System.nanoTime();
        DeviceDetector engine = new DeviceDetector(config);
        Map<String, Long> byDetector = new TreeMap<>();
        Map<String, Long> byType = new TreeMap<>();
        Map<String, Long> bySeverity = new TreeMap<>();
        List<String> onsets = new ArrayList<>();
        long anomalous = 0;
        long opened = 0;
        for (int i = 0; i < samples.size(); i++) {
            Sample s = samples.get(i);
            List<Verdict> verdicts = engine.evaluate(s.ts(), s.values());
            SampleResult r = engine.lastResult();
            for (Verdict v : verdicts) {
                byDetector.merge(v.detector(), 1L, Long::sum);
                byType.merge(v.type().name(), 1L, Long::sum);
                bySeverity.merge(v.severity().name(), 1L, Long::sum);
            }
            if (r.alarmActive()) {
                anomalous++;
            }
            if (r.alarmOnset()) {
                opened++;
                if (onsets.size() < 1000) {
                    onsets.add(s.label());
                }
            }
            if (listener != null) {
                listener.row(i, s, r);
            }
        }
        return new BacktestSummary(samples.size(), config.trainSamples(), anomalous, opened, onsets, byDetector,
                byType, bySeverity, List.copyOf(new java.util.TreeSet<>(engine.alarmDetectors())),
                (System.nanoTime() - t0) / 1_000_000);
    }
}
