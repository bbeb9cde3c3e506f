package io.plantwatch.detection.detector.multivariate;

import io.plantwatch.detection.detector.DetectorConfig;
import io.plantwatch.detection.detector.util.Linalg;
import io.plantwatch.detection.detector.util.StateIO;
import io.plantwatch.detection.detector.util.Stats;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Multivariate EWMA chart (MEWMA) on robustly standardised residuals against an adaptive reference; the engine
 * behind {@code mewma} (all channels of a device) and {@code ewma} (one channel).
 *
 * <p>Fit on the warm-up: per channel the median and a robust scale (1.4826·MAD, at least a quarter of the standard
 * deviation, for quantised sensors) standardise the values (clipped to ± clip); channels whose level wanders
 * (var(x) / (var(Δx)/2) above {@code persistence}, e.g. temperatures) are <em>persistent</em>: their reference
 * follows them quickly ({@code adaptFast}) so only abrupt moves count. The others' reference adapts slowly
 * ({@code adapt}), except, while an alarm is open, for the channels implicated in it (smoothed residual beyond
 * {@code freezeZ} σ): a fault does not become the new normal, but slow drift of a normal process, and of the
 * channels a fault does not touch, is followed. The residuals are smoothed, s = λ·r + (1−λ)·s, and T² = sᵀ C⁻¹ s with C the (ridge-shrunk)
 * covariance of s over the warm-up. The threshold is {@code thresholdFactor} × the {@code quantile} of T² over the
 * warm-up. An alarm open longer than {@code relearnSamples} re-bases the reference on the current state.
 *
 * <p>Update cost: O(d²) with no allocation.
 */
public final class MewmaCore {

    private final int d;
    private final double lambda;
    private final double adapt;
    private final double adaptTrain;
    private final double adaptFast;
    private final double persistence;
    private final double ridge;
    private final double quantile;
    private final double factor;
    private final int relearn;
    private final double clip;
    private final double freezeZ;
    private final int hold;
    private double sens = 1;

    // learned
    private double[] center;
    private double[] scale;
    private boolean[] persistent;
    private double[][] cinv;
    private double[] sdS;
    private double thr;

    // state
    private double[] m;
    private double[] shadow;
    private final double[] s;
    private final double[] z;
    private long index;
    private long lastExceed = Long.MIN_VALUE / 2;
    private int alarmRun;
    private double t2;
    private boolean[] frozen;
    /** Samples left while a new stream aligns the reference (see {@link #restartStream}). */
    private int aligning;
    private int aligned;

    public MewmaCore(int channels, DetectorConfig.MewmaParams p, int hold) {
        this(channels, p.lambda(), p.adapt(), p.adaptTrain(), p.adaptFast(), p.persistence(), p.ridge(), p.quantile(),
                p.thresholdFactor(), p.relearnSamples(), p.clip(), p.freezeZ(), hold);
    }

    public MewmaCore(int channels, double lambda, double adapt, double adaptTrain, double adaptFast,
            double persistence, double ridge, double quantile, double factor, int relearn, double clip, double freezeZ,
            int hold) {
        d = channels;
        this.lambda = lambda;
        this.adapt = adapt;
        this.adaptTrain = adaptTrain;
        this.adaptFast = adaptFast;
        this.persistence = persistence;
        this.ridge = ridge;
        this.quantile = quantile;
        this.factor = factor;
        this.relearn = relearn;
        this.clip = clip;
        this.freezeZ = freezeZ;
        this.hold = hold;
        s = new double[d];
        z = new double[d];
        frozen = new boolean[d];
    }

    public boolean trained() {
        return cinv != null;
    }

    public int dimension() {
        return d;
    }

    /**
     * Fits on the first n rows of x (n × d, no NaN) and replays them through the live update.
     */
    public void fit(double[][] x, int n) {
        if (n < 20) {
            throw new IllegalArgumentException("need at least 20 warm-up samples");
        }
        center = new double[d];
        scale = new double[d];
        persistent = new boolean[d];
        double[] col = new double[n];
        for (int c = 0; c < d; c++) {
            for (int i = 0; i < n; i++) {
                col[i] = x[i][c];
            }
            double med = Stats.median(col, n);
            double mad = 1.4826 * Stats.mad(col, n);
            double sd = Stats.std(col, n);
            double sc = Math.max(mad, 0.25 * sd);
            if (!(sc > 1e-9 * Math.max(1, Math.abs(med)))) {
                sc = Math.max(1e-6, 1e-3 * Math.abs(med)); // constant in the warm-up
            }
            center[c] = med;
            scale[c] = sc;
            double dv = Stats.diffVariance(col, n) / 2;
            persistent[c] = sd * sd / (dv + 1e-30) > persistence;
        }
        double[][] zs = new double[n][d];
        for (int i = 0; i < n; i++) {
            standardise(x[i], zs[i]);
        }
        int head = Math.min(50, n);
        double[] m0 = new double[d];
        for (int c = 0; c < d; c++) {
            for (int i = 0; i < head; i++) {
                col[i] = zs[i][c];
            }
            m0[c] = Stats.median(col, head);
        }
        // pass 1: residual covariance with a faster-adapting reference
        double[] mm = m0.clone();
        double[] ss = new double[d];
        double[][] sHist = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < d; c++) {
                double r = zs[i][c] - mm[c];
                ss[c] = lambda * r + (1 - lambda) * ss[c];
                sHist[i][c] = ss[c];
                mm[c] += (persistent[c] ? adaptFast : adaptTrain) * (zs[i][c] - mm[c]);
            }
        }
        int burn = Math.min(Math.max((int) (3 / lambda), 50), n / 2);
        double[][] cov = Linalg.covariance(sHist, burn, n);
        sdS = new double[d];
        for (int c = 0; c < d; c++) {
            cov[c][c] = cov[c][c] * (1 + ridge) + 1e-9;
            sdS[c] = Math.sqrt(cov[c][c]);
        }
        cinv = Linalg.invert(cov);
        double[] t2s = new double[n - burn];
        for (int i = burn; i < n; i++) {
            t2s[i - burn] = Linalg.quadratic(sHist[i], cinv);
        }
        thr = factor * Stats.quantile(t2s, t2s.length, quantile);
        if (!(thr > 0)) {
            thr = factor * d;
        }
        // pass 2: live replay from the start of the warm-up
        m = m0.clone();
        shadow = m0.clone();
        java.util.Arrays.fill(s, 0);
        index = 0;
        lastExceed = Long.MIN_VALUE / 2;
        alarmRun = 0;
        for (int i = 0; i < n; i++) {
            update(x[i]);
        }
    }

    private void standardise(double[] x, double[] out) {
        for (int c = 0; c < d; c++) {
            double v = (x[c] - center[c]) / scale[c];
            out[c] = v > clip ? clip : v < -clip ? -clip : v;
        }
    }

    /**
     * One sample (NaN entries count as "no news": residual 0 for that channel).
     *
     * @return true when T² exceeds the threshold
     */
    public boolean update(double[] x) {
        if (aligning > 0) {
            align(x);
            return false;
        }
        for (int c = 0; c < d; c++) {
            double xv = x[c];
            double v;
            if (Double.isNaN(xv)) {
                v = m[c];
            } else {
                v = (xv - center[c]) / scale[c];
                v = v > clip ? clip : v < -clip ? -clip : v;
            }
            z[c] = v;
            s[c] = lambda * (v - m[c]) + (1 - lambda) * s[c];
        }
        t2 = Linalg.quadratic(s, cinv);
        boolean exceed = t2 > thr / sens;
        if (exceed) {
            lastExceed = index;
        }
        boolean inAlarm = index - lastExceed <= hold;
        for (int c = 0; c < d; c++) {
            double a = persistent[c] ? adaptFast : adapt;
            shadow[c] += a * (z[c] - shadow[c]);
            // while an alarm is open, the channels implicated in it keep their reference
            frozen[c] = inAlarm && !persistent[c] && Math.abs(s[c]) > freezeZ * sdS[c];
            if (!frozen[c]) {
                m[c] += a * (z[c] - m[c]);
            }
        }
        alarmRun = inAlarm ? alarmRun + 1 : 0;
        if (alarmRun > relearn) {
            System.arraycopy(shadow, 0, m, 0, d);
            java.util.Arrays.fill(s, 0);
            alarmRun = 0;
            lastExceed = Long.MIN_VALUE / 2;
        }
        index++;
        return exceed;
    }

    /**
     * A new stream starts on this fitted model (a stored model bound to a device): the fitted scales, covariance and
     * threshold stay, but the reference is set to the running mean of the stream's first {@code samples} samples,
     * during which nothing fires. The level the training data ended on says nothing about where a device starts.
     */
    public void restartStream(int samples) {
        aligning = samples;
        aligned = 0;
        java.util.Arrays.fill(s, 0);
        lastExceed = Long.MIN_VALUE / 2;
        alarmRun = 0;
        t2 = 0;
    }

    private void align(double[] x) {
        aligned++;
        for (int c = 0; c < d; c++) {
            if (Double.isNaN(x[c])) {
                continue;
            }
            double v = (x[c] - center[c]) / scale[c];
            v = v > clip ? clip : v < -clip ? -clip : v;
            m[c] += (v - m[c]) / aligned;
            shadow[c] = m[c];
            frozen[c] = false;
        }
        aligning--;
        t2 = 0;
        index++;
    }

    /** T² of the last update. */
    public double statistic() {
        return t2;
    }

    /** Effective threshold (warm-up threshold divided by the sensitivity). */
    public double threshold() {
        return thr / sens;
    }

    /** Sensitivity multiplier: the threshold is divided by it (default 1). */
    public void sensitivity(double sensitivity) {
        sens = sensitivity;
    }

    /** Smoothed residual of channel c in units of its warm-up standard deviation (signed contribution). */
    public double contribution(int c) {
        return s[c] / sdS[c];
    }

    /**
     * Share of T² due to channel c: s_c·(C⁻¹s)_c (the shares sum to T²; a channel that breaks its usual relation to
     * the others gets a large share even when its own deviation is modest).
     */
    public double share(int c) {
        double r = 0;
        double[] row = cinv[c];
        for (int k = 0; k < d; k++) {
            r += row[k] * s[k];
        }
        return s[c] * r;
    }

    /** The reference (expected value) of channel c in original units. */
    public double expected(int c) {
        return center[c] + scale[c] * m[c];
    }

    /** Half-width of the normal band of channel c's smoothed value in original units (3 σ of s). */
    public double band(int c) {
        return 3 * sdS[c] * scale[c];
    }

    public boolean persistent(int c) {
        return persistent[c];
    }

    public void write(DataOutput out) throws IOException {
        out.writeBoolean(trained());
        if (!trained()) {
            return;
        }
        StateIO.writeDoubles(out, center);
        StateIO.writeDoubles(out, scale);
        StateIO.writeBooleans(out, persistent);
        StateIO.writeMatrix(out, cinv);
        StateIO.writeDoubles(out, sdS);
        out.writeDouble(thr);
        StateIO.writeDoubles(out, m);
        StateIO.writeDoubles(out, shadow);
        StateIO.writeDoubles(out, s);
        out.writeLong(index);
        out.writeLong(lastExceed);
        out.writeInt(alarmRun);
        out.writeDouble(t2);
        StateIO.writeBooleans(out, frozen);
        out.writeInt(aligning);
        out.writeInt(aligned);
    }

    public void read(DataInput in) throws IOException {
        if (!in.readBoolean()) {
            return;
        }
        center = StateIO.readDoubles(in);
        scale = StateIO.readDoubles(in);
        persistent = StateIO.readBooleans(in);
        cinv = StateIO.readMatrix(in);
        sdS = StateIO.readDoubles(in);
        thr = in.readDouble();
        m = StateIO.readDoubles(in);
        shadow = StateIO.readDoubles(in);
        double[] sv = StateIO.readDoubles(in);
        System.arraycopy(sv, 0, s, 0, d);
        index = in.readLong();
        lastExceed = in.readLong();
        alarmRun = in.readInt();
        t2 = in.readDouble();
        frozen = StateIO.readBooleans(in);
        aligning = in.readInt();
        aligned = in.readInt();
    }
}
