package io.plantwatch.detection.backtest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The two benchmarks' published scoring rules, re-implemented for regression tests (the reference implementation
 * is {@code shared/tools/score_anomalies.py}).
 */
final class BenchmarkScores {

    private BenchmarkScores() {
    }

    /** SKAB outlier protocol counts over rows after {@code skip}. */
    record Counts(long tp, long tn, long fp, long fn) {
        double f1() {
            return 2.0 * tp / (2.0 * tp + fp + fn);
        }

        double far() {
            return 100.0 * fp / (fp + tn);
        }

        double mar() {
            return 100.0 * fn / (fn + tp);
        }
    }

    static Counts skab(boolean[] label, boolean[] predicted, int skip) {
        long tp = 0;
        long tn = 0;
        long fp = 0;
        long fn = 0;
        for (int i = skip; i < label.length; i++) {
            if (label[i] && predicted[i]) {
                tp++;
            } else if (!label[i] && !predicted[i]) {
                tn++;
            } else if (predicted[i]) {
                fp++;
            } else {
                fn++;
            }
        }
        return new Counts(tp, tn, fp, fn);
    }

    private static double sigmoid(double p) {
        return p > 3 ? -1 : 2 / (1 + Math.exp(5 * p)) - 1;
    }

    /** Window [start, end] timestamps → inclusive row indices. */
    static List<int[]> windows(List<Instant> times, List<Instant[]> spans) {
        List<int[]> out = new ArrayList<>();
        for (Instant[] s : spans) {
            int left = 0;
            while (left < times.size() && times.get(left).isBefore(s[0])) {
                left++;
            }
            int right = times.size() - 1;
            while (right >= 0 && times.get(right).isAfter(s[1])) {
                right--;
            }
            if (right >= left) {
                out.add(new int[] {left, right});
            }
        }
        return out;
    }

    /**
     * Raw NAB score of one file (profile weights a_tp, a_fp, a_fn) for binary detections.
     */
    static double nabRaw(int n, List<int[]> wins, boolean[] detected, double atp, double afp, double afn) {
        double probation = Math.min(Math.floor(0.15 * n), 0.15 * 5000);
        double maxTp = sigmoid(-1.0);
        boolean[] inside = new boolean[n];
        double score = 0;
        for (int[] w : wins) {
            for (int i = w[0]; i <= w[1]; i++) {
                inside[i] = true;
            }
            int firstScorable = Math.max(w[0], (int) Math.ceil(probation));
            if (firstScorable > w[1]) {
                continue;
            }
            int hit = -1;
            for (int i = w[0]; i <= w[1]; i++) {
                if (detected[i] && i >= probation) {
                    hit = i;
                    break;
                }
            }
            if (hit < 0) {
                score -= afn;
            } else {
                double width = w[1] - w[0] + 1;
                score += atp * sigmoid(-(w[1] - hit + 1) / width) / maxTp;
            }
        }
        for (int i = 0; i < n; i++) {
            if (!detected[i] || i < probation || inside[i]) {
                continue;
            }
            int[] prev = null;
            for (int[] w : wins) {
                if (w[1] < i) {
                    prev = w;
                }
            }
            double penalty = prev == null ? -1 : sigmoid(Math.abs(i - prev[1]) / (double) Math.max(prev[1] - prev[0], 1));
            score += afp * penalty;
        }
        return score;
    }
}
