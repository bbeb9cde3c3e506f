package io.plantwatch.detection.detector.util;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** Helpers to write detector state (arrays, matrices) to the snapshot stream. */
public final class StateIO {

    private StateIO() {
    }

    public static void writeDoubles(DataOutput out, double[] v) throws IOException {
        if (v == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(v.length);
        for (double d : v) {
            out.writeDouble(d);
        }
    }

    public static double[] readDoubles(DataInput in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = in.readDouble();
        }
        return v;
    }

    public static void writeLongs(DataOutput out, long[] v) throws IOException {
        if (v == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(v.length);
        for (long d : v) {
            out.writeLong(d);
        }
    }

    public static long[] readLongs(DataInput in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = in.readLong();
        }
        return v;
    }

    public static void writeBooleans(DataOutput out, boolean[] v) throws IOException {
        if (v == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(v.length);
        for (boolean b : v) {
            out.writeBoolean(b);
        }
    }

    public static boolean[] readBooleans(DataInput in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        boolean[] v = new boolean[n];
        for (int i = 0; i < n; i++) {
            v[i] = in.readBoolean();
        }
        return v;
    }

    public static void writeMatrix(DataOutput out, double[][] m) throws IOException {
        if (m == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(m.length);
        for (double[] row : m) {
            writeDoubles(out, row);
        }
    }

    public static double[][] readMatrix(DataInput in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        double[][] m = new double[n][];
        for (int i = 0; i < n; i++) {
            m[i] = readDoubles(in);
        }
        return m;
    }

    public static void writeBytes(DataOutput out, byte[] b) throws IOException {
        if (b == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(b.length);
        out.write(b);
    }

    public static byte[] readBytes(DataInput in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return b;
    }
}
