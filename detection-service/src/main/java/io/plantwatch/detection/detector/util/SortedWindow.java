package io.plantwatch.detection.detector.util;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * A sliding window of the last {@code capacity} values kept both in arrival order (a ring) and sorted, so that the
 * median and the median absolute deviation (MAD) cost O(log n) lookups plus one {@link System#arraycopy} per update.
 * No allocation after construction.
 */
public final class SortedWindow {

    private final double[] ring;
    private final double[] sorted;
    private int head;   // next write position in ring
    private int size;

    public SortedWindow(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1");
        }
        ring = new double[capacity];
        sorted = new double[capacity];
    }

    public int capacity() {
        return ring.length;
    }

    public int size() {
        return size;
    }

    public boolean full() {
        return size == ring.length;
    }

    public void clear() {
        head = 0;
        size = 0;
    }

    /** Adds a value, evicting the oldest one when full. NaN is rejected. */
    public void add(double v) {
        if (Double.isNaN(v)) {
            throw new IllegalArgumentException("NaN");
        }
        if (size == ring.length) {
            double old = ring[head];
            int i = indexOf(old);
            // remove at i and insert v, shifting only the part in between
            int j = insertionPoint(v);
            if (j > i) {
                j--; // account for the removed slot
                System.arraycopy(sorted, i + 1, sorted, i, j - i);
            } else if (j < i) {
                System.arraycopy(sorted, j, sorted, j + 1, i - j);
            }
            sorted[j] = v;
        } else {
            int j = insertionPoint(v);
            System.arraycopy(sorted, j, sorted, j + 1, size - j);
            sorted[j] = v;
            size++;
        }
        ring[head] = v;
        head = head + 1 == ring.length ? 0 : head + 1;
    }

    /** First index whose value is not below v (branch-free lower bound, so unpredictable data costs no stalls). */
    private int insertionPoint(double v) {
        int base = 0;
        int len = size;
        while (len > 1) {
            int half = len >>> 1;
            base = sorted[base + half - 1] < v ? base + half : base;
            len -= half;
        }
        return len == 1 && sorted[base] < v ? base + 1 : base;
    }

    private int indexOf(double v) {
        int i = insertionPoint(v);
        if (i >= size || Double.compare(sorted[i], v) != 0 && sorted[i] != v) {
            throw new IllegalStateException("window corrupted");
        }
        return i;
    }

    /** The k-th smallest value (0-based). */
    public double kth(int k) {
        return sorted[k];
    }

    /** Median (average of the two middle values for an even size), as numpy.median. */
    public double median() {
        if (size == 0) {
            return Double.NaN;
        }
        int h = size >>> 1;
        return (size & 1) == 1 ? sorted[h] : 0.5 * (sorted[h - 1] + sorted[h]);
    }

    /** Median of |x - m| over the window, for a given centre m (normally the median). */
    public double mad(double m) {
        if (size == 0) {
            return Double.NaN;
        }
        int h = size >>> 1;
        return kthDeviation(m, (size & 1) == 1 ? h : h - 1, (size & 1) == 0);
    }

    /**
     * k-th smallest |x - m| (0-based): the deviations left of m (A_t = m − sorted[p−1−t]) and right of it
     * (B_t = sorted[p+t] − m) are two ascending sequences; select in their union by binary search, O(log n).
     */
    private double kthDeviation(double m, int k, boolean averageWithNext) {
        int p = insertionPoint(m);
        int a = p;           // |A|
        int b = size - p;    // |B|
        int lo = Math.max(0, k + 1 - b);
        int hi = Math.min(k + 1, a);
        while (lo < hi) {
            int i = (lo + hi) >>> 1;     // take i from A, k+1-i from B
            int j = k + 1 - i;
            // A[i] < B[j-1] → need more from A
            if (j > 0 && i < a && (m - sorted[p - 1 - i]) < (sorted[p + j - 1] - m)) {
                lo = i + 1;
            } else {
                hi = i;
            }
        }
        int i = lo;
        int j = k + 1 - i;
        double fromA = i > 0 ? m - sorted[p - i] : Double.NEGATIVE_INFINITY;
        double fromB = j > 0 ? sorted[p + j - 1] - m : Double.NEGATIVE_INFINITY;
        double kth = Math.max(fromA, fromB);
        if (!averageWithNext) {
            return kth;
        }
        // the (k+1)-th is the smaller of the next candidates of either side
        double nextA = i < a ? m - sorted[p - 1 - i] : Double.POSITIVE_INFINITY;
        double nextB = j < b ? sorted[p + j] - m : Double.POSITIVE_INFINITY;
        return 0.5 * (kth + Math.min(nextA, nextB));
    }

    public void write(DataOutput out) throws IOException {
        out.writeInt(ring.length);
        out.writeInt(size);
        out.writeInt(head);
        for (int i = 0; i < ring.length; i++) {
            out.writeDouble(ring[i]);
        }
    }

    public void read(DataInput in) throws IOException {
        int cap = in.readInt();
        if (cap != ring.length) {
            throw new IOException("window capacity " + cap + " != " + ring.length);
        }
        size = in.readInt();
        head = in.readInt();
        for (int i = 0; i < ring.length; i++) {
            ring[i] = in.readDouble();
        }
        // rebuild the sorted view from the ring (oldest..newest)
        int start = size == ring.length ? head : 0;
        for (int i = 0; i < size; i++) {
            sorted[i] = ring[(start + i) % ring.length];
        }
        Arrays.sort(sorted, 0, size);
    }
}
