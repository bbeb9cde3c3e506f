package io.plantwatch.detection.detector.multivariate;

import io.plantwatch.contracts.event.AnomalyEvent;
import io.plantwatch.contracts.event.AnomalyType;
import io.plantwatch.detection.detector.DetectorConfig;
import io.plantwatch.detection.detector.Fmt;
import io.plantwatch.detection.detector.Severities;
import io.plantwatch.detection.detector.Verdict;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Device-level multivariate EWMA Hotelling T² ({@code mewma}, MULTIVARIATE); see {@link MewmaCore}. The verdict
 * names the channels with the largest shares of T² (s_c·(C⁻¹s)_c), each with its smoothed deviation in σ and its
 * reference value.
 */
public final class MewmaDetector extends MultivariateDetector {

    private final MewmaCore core;

    public MewmaDetector(String deviceId, List<String> channels, List<String> units, double sensitivity,
            DetectorConfig.MewmaParams p, int hold) {
        super(deviceId, channels, units, sensitivity);
        core = new MewmaCore(channels.size(), p, hold);
        core.sensitivity(sensitivity);
    }

    @Override
    public String name() {
        return DetectorConfig.MEWMA;
    }

    public MewmaCore core() {
        return core;
    }

    @Override
    public void train(double[][] rows, long[] ts, int n) {
        core.fit(rows, n);
        modelId = makeModelId(n);
    }

    @Override
    public boolean update(long tsMillis, double[] row) {
        return core.update(row);
    }

    @Override
    public double score() {
        return core.statistic();
    }

    @Override
    public double threshold() {
        return core.threshold();
    }

    @Override
    public Verdict verdict(Instant ts, double[] row) {
        int d = channels.size();
        Integer[] order = new Integer[d];
        for (int c = 0; c < d; c++) {
            order[c] = c;
        }
        java.util.Arrays.sort(order, (a, b) -> {
            int cmp = Double.compare(core.share(b), core.share(a));
            return cmp != 0 ? cmp : Integer.compare(a, b);
        });
        List<String> involved = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(3, d); i++) {
            int c = order[i];
            double k = core.contribution(c);
            if (i > 0 && core.share(c) < 0.1 * score()) {
                break;
            }
            involved.add(channels.get(c));
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(channels.get(c)).append(' ');
            if (!Double.isNaN(row[c])) {
                sb.append(Fmt.val(row[c], unit(c))).append(' ');
            }
            sb.append('(').append(k >= 0 ? "+" : "−").append(Fmt.one(Math.abs(k))).append(" σ vs ")
                    .append(Fmt.val(core.expected(c), unit(c))).append(')');
        }
        for (int i = 0; i < d; i++) {
            if (!involved.contains(channels.get(order[i]))) {
                involved.add(channels.get(order[i]));
            }
        }
        int main = order[0];
        String msg = String.format("%s deviates from its normal operating state: T² %s is %s× its threshold %s;"
                        + " main contributors: %s", deviceId, Fmt.num(score()), Fmt.one(score() / threshold()),
                Fmt.num(threshold()), sb);
        double ref = core.expected(main);
        double band = core.band(main);
        Double value = Double.isNaN(row[main]) ? null : row[main];
        return new Verdict(name(), AnomalyType.MULTIVARIATE, Severities.fromRatio(score() / threshold()),
                AnomalyEvent.ALL_CHANNELS, involved, ts, score(), threshold(), value, ref - band, ref + band, msg,
                modelId);
    }

    /** Samples a new stream uses to set its reference before the model judges it. */
    public static final int ALIGN_SAMPLES = 50;

    @Override
    public void restartStream() {
        core.restartStream(ALIGN_SAMPLES);
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        out.writeUTF(modelId == null ? "" : modelId);
        core.write(out);
    }

    @Override
    public void readState(DataInput in) throws IOException {
        String id = in.readUTF();
        modelId = id.isEmpty() ? null : id;
        core.read(in);
    }
}
