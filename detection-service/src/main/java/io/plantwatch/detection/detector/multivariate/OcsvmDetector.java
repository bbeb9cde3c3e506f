package io.plantwatch.detection.detector.multivariate;

import com.google.protobuf.InvalidProtocolBufferException;
import io.plantwatch.contracts.event.AnomalyEvent;
import io.plantwatch.contracts.event.AnomalyType;
import io.plantwatch.detection.detector.DetectorConfig;
import io.plantwatch.detection.detector.Fmt;
import io.plantwatch.detection.detector.Severities;
import io.plantwatch.detection.detector.Verdict;
import io.plantwatch.detection.detector.util.StateIO;
import io.plantwatch.detection.detector.util.Stats;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.anomaly.AnomalyFactory;
import org.tribuo.anomaly.Event;
import org.tribuo.anomaly.libsvm.LibSVMAnomalyTrainer;
import org.tribuo.anomaly.libsvm.SVMAnomalyType;
import org.tribuo.common.libsvm.KernelType;
import org.tribuo.common.libsvm.SVMParameters;
import org.tribuo.impl.ArrayExample;
import org.tribuo.protos.core.ModelProto;
import org.tribuo.provenance.SimpleDataSourceProvenance;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * Tribuo one-class SVM (RBF kernel) over a device's channels ({@code ocsvm}, MULTIVARIATE). Inputs are the robustly
 * standardised values (warm-up median and max(1.4826·MAD, σ/4)), EWMA-smoothed, relative to a reference that
 * follows slow drift while the detector is quiet, and scaled to unit spread over the warm-up. The anomaly score is the negated SVM decision value, normalised so
 * that the warm-up median maps to 0 and its {@code quantile} to 1; the detector fires above
 * {@code thresholdFactor}. The model round-trips through protobuf ({@link #modelBytes()},
 * {@link #loadModel(byte[])}).
 */
public final class OcsvmDetector extends MultivariateDetector {

    private static final double ADAPT = 0.005;

    static {
        libsvm.svm.svm_set_print_string_function(s -> { });
    }

    private final DetectorConfig.OcsvmParams p;
    private final String[] featureNames;
    private Model<Event> model;
    private double[] center;
    private double[] scale;
    private double[] ref;
    private double[] s;
    private double[] feat;
    private double[] fscale;
    private double q50;
    private double qHigh;
    private double score;
    private boolean started;

    public OcsvmDetector(String deviceId, List<String> channels, List<String> units, double sensitivity,
            DetectorConfig.OcsvmParams p) {
        super(deviceId, channels, units, sensitivity);
        this.p = p;
        int d = channels.size();
        featureNames = new String[d];
        for (int c = 0; c < d; c++) {
            featureNames[c] = String.format("f%03d", c); // sorted order = channel order
        }
        s = new double[d];
        feat = new double[d];
    }

    @Override
    public String name() {
        return DetectorConfig.OCSVM;
    }

    @Override
    public void train(double[][] rows, long[] ts, int n) {
        int d = channels.size();
        center = new double[d];
        scale = new double[d];
        double[] col = new double[n];
        for (int c = 0; c < d; c++) {
            for (int i = 0; i < n; i++) {
                col[i] = rows[i][c];
            }
            center[c] = Stats.median(col, n);
            double sc = Math.max(1.4826 * Stats.mad(col, n), 0.25 * Stats.std(col, n));
            scale[c] = sc > 1e-9 ? sc : 1.0;
        }
        ref = new double[d];
        fscale = new double[d];
        java.util.Arrays.fill(fscale, 1.0);
        started = false;
        double[][] f = new double[n][];
        for (int i = 0; i < n; i++) {
            features(rows[i]);
            f[i] = feat.clone();
        }
        int burn = Math.min(Math.max((int) (3 / p.lambda()), 50), n / 2);
        // unit spread per feature, so the RBF kernel sees every channel on the same scale
        double[] colf = new double[n - burn];
        for (int c = 0; c < d; c++) {
            for (int i = burn; i < n; i++) {
                colf[i - burn] = f[i][c];
            }
            fscale[c] = Math.max(Stats.std(colf, n - burn), 1e-6);
            for (int i = 0; i < n; i++) {
                f[i][c] /= fscale[c];
            }
        }
        AnomalyFactory factory = new AnomalyFactory();
        MutableDataset<Event> ds = new MutableDataset<>(new SimpleDataSourceProvenance("plantwatch warm-up of "
                + deviceId, factory), factory);
        int step = Math.max(1, (n - burn) / 2000);
        for (int i = burn; i < n; i += step) {
            ds.add(new ArrayExample<>(new Event(Event.EventType.EXPECTED), featureNames, f[i]));
        }
        SVMParameters<Event> params = new SVMParameters<>(new SVMAnomalyType(SVMAnomalyType.SVMMode.ONE_CLASS),
                KernelType.RBF);
        params.setGamma(p.gamma() != null ? p.gamma() : 1.0 / d);
        params.setNu(p.nu());
        model = new LibSVMAnomalyTrainer(params).train(ds);
        double[] raw = new double[n - burn];
        for (int i = burn; i < n; i++) {
            raw[i - burn] = rawScore(f[i]);
        }
        q50 = Stats.quantile(raw, raw.length, 0.5);
        qHigh = Stats.quantile(raw, raw.length, p.quantile());
        if (!(qHigh > q50)) {
            qHigh = q50 + 1e-6;
        }
        modelId = makeModelId(n);
        java.util.Arrays.fill(ref, 0);
        java.util.Arrays.fill(s, 0);
        started = false;
        for (int i = 0; i < n; i++) {
            update(ts[i], rows[i]);
        }
    }

    private void features(double[] row) {
        int d = channels.size();
        double lambda = p.lambda();
        for (int c = 0; c < d; c++) {
            double z = Double.isNaN(row[c]) ? ref[c] : (row[c] - center[c]) / scale[c];
            z = Math.max(-20, Math.min(20, z));
            s[c] = started ? lambda * (z - ref[c]) + (1 - lambda) * s[c] : z - ref[c];
            feat[c] = s[c] / fscale[c];
        }
        started = true;
    }

    private double rawScore(double[] f) {
        Example<Event> e = new ArrayExample<>(new Event(Event.EventType.UNKNOWN), featureNames, f);
        return -model.predict(e).getOutput().getScore();
    }

    @Override
    public boolean update(long tsMillis, double[] row) {
        features(row);
        score = (rawScore(feat) - q50) / (qHigh - q50);
        boolean fire = score > threshold();
        if (!fire) {
            for (int c = 0; c < ref.length; c++) {
                double z = Double.isNaN(row[c]) ? ref[c] : Math.max(-20, Math.min(20, (row[c] - center[c]) / scale[c]));
                ref[c] += ADAPT * (z - ref[c]);
            }
        }
        return fire;
    }

    @Override
    public double score() {
        return score;
    }

    @Override
    public double threshold() {
        return p.thresholdFactor() / sensitivity;
    }

    /** The trained Tribuo model as protobuf bytes ({@code model.serialize().toByteArray()}). */
    public byte[] modelBytes() {
        return model == null ? null : model.serialize().toByteArray();
    }

    /** Replaces the model by one deserialised from protobuf bytes. */
    @SuppressWarnings("unchecked")
    public void loadModel(byte[] bytes) {
        try {
            model = (Model<Event>) Model.deserialize(ModelProto.parseFrom(bytes));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("not a Tribuo model", e);
        }
    }

    public Model<Event> model() {
        return model;
    }

    @Override
    public Verdict verdict(Instant ts, double[] row) {
        int main = 0;
        for (int c = 1; c < feat.length; c++) {
            if (Math.abs(feat[c]) > Math.abs(feat[main])) {
                main = c;
            }
        }
        String msg = String.format("%s: one-class SVM score %s is %s× its threshold %s; the largest smoothed"
                        + " deviation is %s (%s σ)", deviceId, Fmt.num(score), Fmt.one(score / threshold()),
                Fmt.num(threshold()), channels.get(main), Fmt.one(feat[main]));
        Double value = Double.isNaN(row[main]) ? null : row[main];
        return new Verdict(name(), AnomalyType.MULTIVARIATE, Severities.fromRatio(score / threshold()),
                AnomalyEvent.ALL_CHANNELS, channels, ts, score, threshold(), value, null, null, msg, modelId);
    }

    @Override
    public void restartStream() {
        started = false;
        if (ref != null) {
            java.util.Arrays.fill(ref, 0);
        }
        java.util.Arrays.fill(s, 0);
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        out.writeBoolean(model != null);
        if (model == null) {
            return;
        }
        out.writeUTF(modelId);
        StateIO.writeBytes(out, modelBytes());
        StateIO.writeDoubles(out, center);
        StateIO.writeDoubles(out, scale);
        StateIO.writeDoubles(out, ref);
        StateIO.writeDoubles(out, s);
        StateIO.writeDoubles(out, fscale);
        out.writeDouble(q50);
        out.writeDouble(qHigh);
        out.writeDouble(score);
        out.writeBoolean(started);
    }

    @Override
    public void readState(DataInput in) throws IOException {
        if (!in.readBoolean()) {
            return;
        }
        modelId = in.readUTF();
        loadModel(StateIO.readBytes(in));
        center = StateIO.readDoubles(in);
        scale = StateIO.readDoubles(in);
        ref = StateIO.readDoubles(in);
        s = StateIO.readDoubles(in);
        fscale = StateIO.readDoubles(in);
        feat = new double[s.length];
        for (int c = 0; c < s.length; c++) {
            feat[c] = s[c] / fscale[c];
        }
        q50 = in.readDouble();
        qHigh = in.readDouble();
        score = in.readDouble();
        started = in.readBoolean();
    }
}
