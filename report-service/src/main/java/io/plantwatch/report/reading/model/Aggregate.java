package io.plantwatch.report.reading.model;

/**
 * Running min, max, sum, sum of squares and count of one channel over a time slot: what the 1-minute and 1-hour
 * rollups store, enough to merge slots exactly and to derive mean and standard deviation.
 */
public final class Aggregate {

    private long count;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    private double sum;
    private double sumOfSquares;

    public Aggregate() {
    }

    public Aggregate(long count, double min, double max, double sum, double sumOfSquares) {
        this.count = count;
        this.min = min;
        this.max = max;
        this.sum = sum;
        this.sumOfSquares = sumOfSquares;
    }

    public void add(double value) {
        count++;
        min = Math.min(min, value);
        max = Math.max(max, value);
        sum += value;
        sumOfSquares += value * value;
    }

    public void merge(Aggregate other) {
        if (other.count == 0) {
            return;
        }
        count += other.count;
        min = Math.min(min, other.min);
        max = Math.max(max, other.max);
        sum += other.sum;
        sumOfSquares += other.sumOfSquares;
    }

    public long count() {
        return count;
    }

    public double min() {
        return min;
    }

    public double max() {
        return max;
    }

    public double sum() {
        return sum;
    }

    public double sumOfSquares() {
        return sumOfSquares;
    }

    public double mean() {
        return count == 0 ? Double.NaN : sum / count;
    }

    /** Population standard deviation (divides by n), clamped at 0 against rounding. */
    public double stddev() {
        if (count == 0) {
            return Double.NaN;
        }
        double mean = mean();
        return Math.sqrt(Math.max(0, sumOfSquares / count - mean * mean));
    }
}
