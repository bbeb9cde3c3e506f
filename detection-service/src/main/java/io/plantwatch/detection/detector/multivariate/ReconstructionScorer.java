package io.plantwatch.detection.detector.multivariate;

import io.plantwatch.detection.detector.util.Stats;

/**
 * Pure function behind {@code POST /api/v1/infer}: a window of N samples × d channels → per-sample reconstruction
 * error (PCA Q statistic), Hotelling T², thresholds and anomaly status.
 *
 * <p>With a trained {@link PcaModel} (e.g. {@link PcaT2QDetector#windowModel()}), each sample is scored against the
 * model's limits. Without one, the window is its own reference: a PCA is fitted on the window and a sample is
 * anomalous when its error lies far above the window's typical error (median + 4.5 robust σ, a dynamic threshold).
 * The window as a whole is anomalous when at least {@code minAnomalous} samples are (default: 3, or every sample of
 * a shorter window) — the same debounce as an alarm rule.
 */
public final class ReconstructionScorer {

    private ReconstructionScorer() {
    }

    /** Result of scoring one window. */
    public record WindowResult(int samples, int channels, int components, String reference,
            double[] reconstructionError, double[] t2, double qThreshold, double t2Threshold, boolean[] anomalous,
            int anomalousCount, boolean anomaly, double score) {
    }

    public static WindowResult score(double[][] window, PcaModel model) {
        return score(window, model, 3);
    }

    /**
     * Scores a window.
     *
     * @param window       N rows × d channels (NaN = missing value)
     * @param model        trained model, or null to use the window itself as the reference
     * @param minAnomalous anomalous samples needed for the window to be anomalous
     */
    public static WindowResult score(double[][] window, PcaModel model, int minAnomalous) {
        int n = window.length;
        if (n == 0) {
            throw new IllegalArgumentException("empty window");
        }
        int d = window[0].length;
        for (double[] row : window) {
            if (row.length != d) {
                throw new IllegalArgumentException("ragged window");
            }
        }
        String reference = "model";
        PcaModel m = model;
        if (m == null) {
            if (n < 4) {
                throw new IllegalArgumentException("a window without a model needs at least 4 samples");
            }
            m = PcaModel.fit(fillMissing(window), n, 0.9, 0.99, 1.0);
            reference = "window";
        } else if (m.dimension() != d) {
            throw new IllegalArgumentException("window has " + d + " channels, model " + m.dimension());
        }
        double[] z = new double[d];
        double[] scratch = new double[d];
        double[] q = new double[n];
        double[] t2 = new double[n];
        for (int i = 0; i < n; i++) {
            m.standardise(window[i], z);
            q[i] = m.qStandardised(z, scratch);
            t2[i] = m.t2Standardised(z, scratch);
        }
        double qThr;
        double t2Thr;
        if (model != null) {
            qThr = m.qLimit();
            t2Thr = m.t2Limit();
        } else {
            qThr = robustLimit(q, n);
            t2Thr = robustLimit(t2, n);
        }
        boolean[] flags = new boolean[n];
        int count = 0;
        double score = 0;
        for (int i = 0; i < n; i++) {
            double r = Math.max(q[i] / qThr, t2[i] / t2Thr);
            score = Math.max(score, r);
            flags[i] = r > 1;
            if (flags[i]) {
                count++;
            }
        }
        int need = Math.max(1, Math.min(minAnomalous, n));
        return new WindowResult(n, d, m.components(), reference, q, t2, qThr, t2Thr, flags, count, count >= need,
                score);
    }

    private static double robustLimit(double[] v, int n) {
        double med = Stats.median(v, n);
        double mad = 1.4826 * Stats.mad(v, n);
        double sd = Stats.std(v, n);
        return Math.max(med + 4.5 * Math.max(mad, 0.25 * sd), 1e-9 + 2 * med);
    }

    private static double[][] fillMissing(double[][] w) {
        int n = w.length;
        int d = w[0].length;
        double[][] out = new double[n][d];
        double[] col = new double[n];
        for (int c = 0; c < d; c++) {
            int k = 0;
            for (double[] row : w) {
                if (!Double.isNaN(row[c])) {
                    col[k++] = row[c];
                }
            }
            double med = k > 0 ? Stats.median(col, k) : 0;
            for (int i = 0; i < n; i++) {
                out[i][c] = Double.isNaN(w[i][c]) ? med : w[i][c];
            }
        }
        return out;
    }
}
