package io.plantwatch.report.stats.service;

/** Percentiles of sorted values. */
public final class Percentiles {

    private Percentiles() {
    }

    /** Linear interpolation between the closest ranks (numpy's default): rank p·(n−1). */
    public static double linear(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double rank = p * (sorted.length - 1);
        int lo = (int) Math.floor(rank);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (rank - lo) * (sorted[hi] - sorted[lo]);
    }

    /** Weighted percentile: the smallest value whose cumulative weight reaches p of the total. */
    public static double weighted(double[] sortedValues, long[] weights, double p) {
        long total = 0;
        for (long w : weights) {
            total += w;
        }
        if (total == 0) {
            return Double.NaN;
        }
        double target = p * total;
        long cumulative = 0;
        for (int i = 0; i < sortedValues.length; i++) {
            cumulative += weights[i];
            if (cumulative >= target) {
                return sortedValues[i];
            }
        }
        return sortedValues[sortedValues.length - 1];
    }
}
