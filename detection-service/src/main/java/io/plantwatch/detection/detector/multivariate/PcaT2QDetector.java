package io.plantwatch.detection.detector.multivariate;

import io.plantwatch.contracts.event.AnomalyEvent;
import io.plantwatch.contracts.event.AnomalyType;
import io.plantwatch.detection.detector.DetectorConfig;
import io.plantwatch.detection.detector.Fmt;
import io.plantwatch.detection.detector.Severities;
import io.plantwatch.detection.detector.Verdict;
import io.plantwatch.detection.detector.util.DoubleRing;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * PCA T² + Q reconstruction-error detector ({@code pca}, MULTIVARIATE), the method the SKAB leaderboard calls
 * "T²+Q", on EWMA-smoothed robustly standardised rows, with a dynamic threshold: each statistic's limit is the larger
 * of its warm-up limit ({@code thresholdFactor} × {@code quantile}) and mean + 4 σ of its last
 * {@code dynamicWindow} values seen while the detector was quiet, so slowly growing normal variation raises the bar.
 * It also keeps a model of the raw (unsmoothed) rows, {@link #windowModel()}, for {@link ReconstructionScorer}.
 */
public final class PcaT2QDetector extends MultivariateDetector {

    private final DetectorConfig.PcaParams p;
    private PcaModel windowModel;  // raw rows
    private PcaModel smoothModel;  // smoothed rows
    private final double[] z;
    private final double[] s;
    private final double[] zs;
    private final double[] scratch;
    private boolean started;
    private final DoubleRing qHist;
    private final DoubleRing tHist;
    private double qSum;
    private double qSq;
    private double tSum;
    private double tSq;
    private double q;
    private double t2;
    private double qThr;
    private double tThr;

    public PcaT2QDetector(String deviceId, List<String> channels, List<String> units, double sensitivity,
            DetectorConfig.PcaParams p) {
        super(deviceId, channels, units, sensitivity);
        this.p = p;
        int d = channels.size();
        z = new double[d];
        s = new double[d];
        zs = new double[d];
        scratch = new double[d];
        qHist = new DoubleRing(p.dynamicWindow());
        tHist = new DoubleRing(p.dynamicWindow());
    }

    @Override
    public String name() {
        return DetectorConfig.PCA;
    }

    /** Model of raw rows for window scoring ({@link ReconstructionScorer}); null before training. */
    public PcaModel windowModel() {
        return windowModel;
    }

    @Override
    public void train(double[][] rows, long[] ts, int n) {
        windowModel = PcaModel.fit(rows, n, p.variance(), p.quantile(), p.thresholdFactor());
        int d = channels.size();
        double lambda = p.lambda();
        double[][] sm = new double[n][d];
        double[] acc = new double[d];
        for (int i = 0; i < n; i++) {
            windowModel.standardise(rows[i], z);
            for (int c = 0; c < d; c++) {
                acc[c] = i == 0 ? z[c] : lambda * z[c] + (1 - lambda) * acc[c];
                sm[i][c] = acc[c];
            }
        }
        int burn = Math.min(Math.max((int) (3 / lambda), 50), n / 2);
        double[][] tail = new double[n - burn][];
        System.arraycopy(sm, burn, tail, 0, n - burn);
        smoothModel = PcaModel.fit(tail, tail.length, p.variance(), p.quantile(), p.thresholdFactor());
        modelId = makeModelId(n);
        started = false;
        for (int i = 0; i < n; i++) {
            update(ts[i], rows[i]);
        }
    }

    @Override
    public boolean update(long tsMillis, double[] row) {
        int d = channels.size();
        double lambda = p.lambda();
        windowModel.standardise(row, z);
        for (int c = 0; c < d; c++) {
            s[c] = started ? lambda * z[c] + (1 - lambda) * s[c] : z[c];
        }
        started = true;
        smoothModel.standardise(s, zs);
        q = smoothModel.qStandardised(zs, scratch);
        t2 = smoothModel.t2Standardised(zs, scratch);
        qThr = dynamic(smoothModel.qLimit(), qHist, qSum, qSq);
        tThr = dynamic(smoothModel.t2Limit(), tHist, tSum, tSq);
        boolean fire = q > qThr || t2 > tThr;
        if (!fire) {
            record(q, true);
            record(t2, false);
        }
        return fire;
    }

    private double dynamic(double base, DoubleRing h, double sum, double sq) {
        double thr = base;
        int n = h.size();
        if (n >= Math.min(50, h.capacity())) {
            double mu = sum / n;
            double sd = Math.sqrt(Math.max(0, sq / n - mu * mu));
            thr = Math.max(base, mu + 4 * sd);
        }
        return thr / sensitivity;
    }

    private void record(double v, boolean isQ) {
        DoubleRing h = isQ ? qHist : tHist;
        double old = h.full() ? h.get(h.capacity() - 1) : 0;
        boolean evict = h.full();
        h.add(v);
        if (isQ) {
            qSum += v - (evict ? old : 0);
            qSq += v * v - (evict ? old * old : 0);
        } else {
            tSum += v - (evict ? old : 0);
            tSq += v * v - (evict ? old * old : 0);
        }
    }

    /** Larger of Q / Q-limit and T² / T²-limit, so 1 = at the threshold. */
    @Override
    public double score() {
        return Math.max(q / qThr, t2 / tThr);
    }

    @Override
    public double threshold() {
        return 1.0;
    }

    public double q() {
        return q;
    }

    public double t2() {
        return t2;
    }

    @Override
    public Verdict verdict(Instant ts, double[] row) {
        int d = channels.size();
        double[] res = new double[d];
        smoothModel.residual(zs, res);
        Integer[] order = new Integer[d];
        for (int c = 0; c < d; c++) {
            order[c] = c;
        }
        java.util.Arrays.sort(order, (a, b) -> {
            int cmp = Double.compare(Math.abs(res[b]), Math.abs(res[a]));
            return cmp != 0 ? cmp : Integer.compare(a, b);
        });
        List<String> involved = new ArrayList<>();
        for (Integer c : order) {
            involved.add(channels.get(c));
        }
        boolean byQ = q / qThr >= t2 / tThr;
        String msg = String.format("%s: %s (reconstruction error Q %s, limit %s; T² %s, limit %s); largest"
                        + " reconstruction residuals: %s, %s", deviceId,
                byQ ? "the channels no longer move together as in normal operation"
                        : "the operating point left its normal region",
                Fmt.num(q), Fmt.num(qThr), Fmt.num(t2), Fmt.num(tThr), channels.get(order[0]),
                d > 1 ? channels.get(order[1]) : "-");
        Double value = Double.isNaN(row[order[0]]) ? null : row[order[0]];
        return new Verdict(name(), AnomalyType.MULTIVARIATE, Severities.fromRatio(score()), AnomalyEvent.ALL_CHANNELS,
                involved, ts, score(), 1.0, value, null, null, msg, modelId);
    }

    @Override
    public void restartStream() {
        started = false;
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        out.writeBoolean(windowModel != null);
        if (windowModel == null) {
            return;
        }
        out.writeUTF(modelId);
        windowModel.write(out);
        smoothModel.write(out);
        io.plantwatch.detection.detector.util.StateIO.writeDoubles(out, s);
        out.writeBoolean(started);
        qHist.write(out);
        tHist.write(out);
        out.writeDouble(qSum);
        out.writeDouble(qSq);
        out.writeDouble(tSum);
        out.writeDouble(tSq);
        out.writeDouble(q);
        out.writeDouble(t2);
        out.writeDouble(qThr);
        out.writeDouble(tThr);
        io.plantwatch.detection.detector.util.StateIO.writeDoubles(out, zs);
    }

    @Override
    public void readState(DataInput in) throws IOException {
        if (!in.readBoolean()) {
            return;
        }
        modelId = in.readUTF();
        windowModel = PcaModel.read(in);
        smoothModel = PcaModel.read(in);
        double[] sv = io.plantwatch.detection.detector.util.StateIO.readDoubles(in);
        System.arraycopy(sv, 0, s, 0, s.length);
        started = in.readBoolean();
        qHist.read(in);
        tHist.read(in);
        qSum = in.readDouble();
        qSq = in.readDouble();
        tSum = in.readDouble();
        tSq = in.readDouble();
        q = in.readDouble();
        t2 = in.readDouble();
        qThr = in.readDouble();
        tThr = in.readDouble();
        double[] zv = io.plantwatch.detection.detector.util.StateIO.readDoubles(in);
        System.arraycopy(zv, 0, zs, 0, zs.length);
    }
}
