package io.plantwatch.detection.detector.util;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** Fixed-capacity ring of doubles; {@code get(0)} is the newest value, {@code get(size-1)} the oldest. */
public final class DoubleRing {

    private final double[] a;
    private int head; // index of the next write
    private int size;

    public DoubleRing(int capacity) {
        a = new double[Math.max(1, capacity)];
    }

    public void add(double v) {
        a[head] = v;
        head = head + 1 == a.length ? 0 : head + 1;
        if (size < a.length) {
            size++;
        }
    }

    /** Value {@code lag} steps back: 0 = newest. */
    public double get(int lag) {
        int i = head - 1 - lag;
        if (i < 0) {
            i += a.length;
        }
        return a[i];
    }

    public int size() {
        return size;
    }

    public int capacity() {
        return a.length;
    }

    public boolean full() {
        return size == a.length;
    }

    public void write(DataOutput out) throws IOException {
        out.writeInt(a.length);
        out.writeInt(size);
        out.writeInt(head);
        for (double v : a) {
            out.writeDouble(v);
        }
    }

    public void read(DataInput in) throws IOException {
        int cap = in.readInt();
        if (cap != a.length) {
            throw new IOException("ring capacity " + cap + " != " + a.length);
        }
        size = in.readInt();
        head = in.readInt();
        for (int i = 0; i < a.length; i++) {
            a[i] = in.readDouble();
        }
    }
}
