package io.plantwatch.detection.detector.multivariate;

import io.plantwatch.detection.detector.util.Linalg;
import io.plantwatch.detection.detector.util.StateIO;
import io.plantwatch.detection.detector.util.Stats;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A PCA model of normal operation: robust standardisation (median, max(1.4826·MAD, σ/4)), the principal components
 * explaining a share of the variance, and the limits of Hotelling's T² (inside the component space) and of Q, the
 * squared reconstruction error (outside it), set at {@code factor} × a quantile of their values on the training
 * rows. Immutable; {@link #score} is allocation-free given a scratch array.
 */
public final class PcaModel {

    private final double[] center;
    private final double[] scale;
    private final double[] mean;        // mean of the standardised training rows
    private final double[] eigenvalues; // retained, descending
    private final double[][] loadings;  // d × k
    private final double t2Limit;
    private final double qLimit;

    private PcaModel(double[] center, double[] scale, double[] mean, double[] eigenvalues, double[][] loadings,
            double t2Limit, double qLimit) {
        this.center = center;
        this.scale = scale;
        this.mean = mean;
        this.eigenvalues = eigenvalues;
        this.loadings = loadings;
        this.t2Limit = t2Limit;
        this.qLimit = qLimit;
    }

    /**
     * Fits on rows [0, n) of x.
     *
     * @param varianceShare share of the variance the retained components explain (at most d − 1 components)
     * @param quantile      quantile of the training statistics used for the limits
     * @param factor        limit = factor × quantile
     */
    public static PcaModel fit(double[][] x, int n, double varianceShare, double quantile, double factor) {
        int d = x[0].length;
        if (n < 3) {
            throw new IllegalArgumentException("need at least 3 rows");
        }
        double[] center = new double[d];
        double[] scale = new double[d];
        double[] col = new double[n];
        for (int c = 0; c < d; c++) {
            for (int i = 0; i < n; i++) {
                col[i] = x[i][c];
            }
            double med = Stats.median(col, n);
            double sc = Math.max(1.4826 * Stats.mad(col, n), 0.25 * Stats.std(col, n));
            if (!(sc > 1e-9 * Math.max(1, Math.abs(med)))) {
                sc = Math.max(1e-6, 1e-3 * Math.abs(med));
            }
            center[c] = med;
            scale[c] = sc;
        }
        double[][] z = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < d; c++) {
                z[i][c] = clip((x[i][c] - center[c]) / scale[c]);
            }
        }
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < d; c++) {
                mean[c] += z[i][c] / n;
            }
        }
        double[][] cov = Linalg.covariance(z, 0, n);
        Linalg.Eigen eig = Linalg.symmetricEigen(cov);
        double total = 0;
        for (double v : eig.values()) {
            total += Math.max(v, 0);
        }
        int k = 1;
        double cum = 0;
        for (int j = 0; j < d; j++) {
            cum += Math.max(eig.values()[j], 0);
            k = j + 1;
            if (total <= 0 || cum / total >= varianceShare) {
                break;
            }
        }
        k = Math.max(1, Math.min(k, Math.max(1, d - 1)));
        double[] ev = new double[k];
        double[][] load = new double[d][k];
        double floor = Math.max(1e-9, 1e-9 * total);
        for (int j = 0; j < k; j++) {
            ev[j] = Math.max(eig.values()[j], floor);
            for (int c = 0; c < d; c++) {
                load[c][j] = eig.vectors()[c][j];
            }
        }
        PcaModel raw = new PcaModel(center, scale, mean, ev, load, Double.POSITIVE_INFINITY,
                Double.POSITIVE_INFINITY);
        double[] t2 = new double[n];
        double[] q = new double[n];
        double[] scratch = new double[d];
        for (int i = 0; i < n; i++) {
            t2[i] = raw.t2Standardised(z[i], scratch);
            q[i] = raw.qStandardised(z[i], scratch);
        }
        double t2Lim = factor * Stats.quantile(t2, n, quantile);
        double qLim = factor * Stats.quantile(q, n, quantile);
        if (!(t2Lim > 0)) {
            t2Lim = factor * k;
        }
        if (!(qLim > 0)) {
            qLim = 1e-9;
        }
        return new PcaModel(center, scale, mean, ev, load, t2Lim, qLim);
    }

    private static double clip(double v) {
        return v > 20 ? 20 : v < -20 ? -20 : v;
    }

    public int dimension() {
        return center.length;
    }

    public int components() {
        return eigenvalues.length;
    }

    public double t2Limit() {
        return t2Limit;
    }

    public double qLimit() {
        return qLimit;
    }

    /** Standardises a raw row into z (length d); NaN entries become the training mean (no information). */
    public void standardise(double[] x, double[] z) {
        for (int c = 0; c < center.length; c++) {
            z[c] = Double.isNaN(x[c]) ? mean[c] : clip((x[c] - center[c]) / scale[c]);
        }
    }

    /** Hotelling's T² of a standardised row inside the component space. */
    public double t2Standardised(double[] z, double[] scratch) {
        int d = center.length;
        for (int c = 0; c < d; c++) {
            scratch[c] = z[c] - mean[c];
        }
        double t2 = 0;
        for (int j = 0; j < eigenvalues.length; j++) {
            double t = 0;
            for (int c = 0; c < d; c++) {
                t += scratch[c] * loadings[c][j];
            }
            t2 += t * t / eigenvalues[j];
        }
        return t2;
    }

    /** Q (squared prediction error): squared distance of a standardised row from the component space. */
    public double qStandardised(double[] z, double[] scratch) {
        int d = center.length;
        for (int c = 0; c < d; c++) {
            scratch[c] = z[c] - mean[c];
        }
        double norm = 0;
        for (int c = 0; c < d; c++) {
            norm += scratch[c] * scratch[c];
        }
        double proj = 0;
        for (int j = 0; j < eigenvalues.length; j++) {
            double t = 0;
            for (int c = 0; c < d; c++) {
                t += scratch[c] * loadings[c][j];
            }
            proj += t * t;
        }
        return Math.max(0, norm - proj);
    }

    /** Per-channel reconstruction residual (standardised units) of a standardised row, into out. */
    public void residual(double[] z, double[] out) {
        int d = center.length;
        for (int c = 0; c < d; c++) {
            out[c] = 0;
        }
        for (int j = 0; j < eigenvalues.length; j++) {
            double t = 0;
            for (int c = 0; c < d; c++) {
                t += (z[c] - mean[c]) * loadings[c][j];
            }
            for (int c = 0; c < d; c++) {
                out[c] += t * loadings[c][j];
            }
        }
        for (int c = 0; c < d; c++) {
            out[c] = (z[c] - mean[c]) - out[c];
        }
    }

    public void write(DataOutput out) throws IOException {
        StateIO.writeDoubles(out, center);
        StateIO.writeDoubles(out, scale);
        StateIO.writeDoubles(out, mean);
        StateIO.writeDoubles(out, eigenvalues);
        StateIO.writeMatrix(out, loadings);
        out.writeDouble(t2Limit);
        out.writeDouble(qLimit);
    }

    public static PcaModel read(DataInput in) throws IOException {
        return new PcaModel(StateIO.readDoubles(in), StateIO.readDoubles(in), StateIO.readDoubles(in),
                StateIO.readDoubles(in), StateIO.readMatrix(in), in.readDouble(), in.readDouble());
    }

    /** The model as bytes (for a model registry). */
    public byte[] toBytes() {
        try {
            ByteArrayOutputStream bo = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bo);
            write(out);
            out.flush();
            return bo.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static PcaModel fromBytes(byte[] b) {
        try {
            return read(new DataInputStream(new ByteArrayInputStream(b)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
