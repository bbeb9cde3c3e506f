package io.plantwatch.detection.detector.channel;

import io.plantwatch.contracts.event.AnomalyType;
import io.plantwatch.detection.detector.ChannelContext;
import io.plantwatch.detection.detector.DetectorConfig;
import io.plantwatch.detection.detector.Fmt;
import io.plantwatch.detection.detector.Severities;
import io.plantwatch.detection.detector.Verdict;
import io.plantwatch.detection.detector.multivariate.MewmaCore;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Instant;

/**
 * EWMA mean shift on one channel ({@code ewma}, DRIFT): the one-channel case of {@link MewmaCore}: robust
 * standardisation from the warm-up, a reference that follows slow drift only while no alarm is open, EWMA smoothing
 * and a threshold learned from the warm-up. The statistic reported is |smoothed residual| in σ of its warm-up
 * spread.
 */
public final class EwmaDetector extends ChannelDetector {

    private final MewmaCore core;
    private final double lambda;
    private final double[] buf = new double[1];

    public EwmaDetector(ChannelContext ctx, DetectorConfig.EwmaParams p, DetectorConfig.MewmaParams base, int hold) {
        super(ctx);
        lambda = p.lambda();
        core = new MewmaCore(1, p.lambda(), base.adapt(), base.adaptTrain(), base.adaptFast(), base.persistence(),
                base.ridge(), base.quantile(), p.thresholdFactor(), base.relearnSamples(), base.clip(), base.freezeZ(),
                hold);
        core.sensitivity(ctx.sensitivity());
    }

    @Override
    public String name() {
        return DetectorConfig.EWMA;
    }

    @Override
    public void train(double[] values, long[] ts, int n) {
        double[][] x = new double[n][1];
        for (int i = 0; i < n; i++) {
            x[i][0] = values[i];
        }
        core.fit(x, n);
    }

    @Override
    public boolean update(long tsMillis, double value) {
        buf[0] = value;
        return core.update(buf);
    }

    /** |smoothed residual| in σ (square root of the one-dimensional T²). */
    @Override
    public double score() {
        return Math.sqrt(core.statistic());
    }

    @Override
    public double threshold() {
        return Math.sqrt(core.threshold());
    }

    @Override
    public Verdict verdict(Instant ts, double value) {
        double c = core.contribution(0);
        double ref = core.expected(0);
        double band = core.band(0);
        double avgWindow = 2 / lambda - 1;
        String msg = String.format("%s has drifted: its %s average is %s σ %s its reference of %s (now %s)",
                ctx.name(), Fmt.span((int) Math.round(avgWindow), ctx.periodMillis()), Fmt.one(Math.abs(c)),
                c >= 0 ? "above" : "below", Fmt.val(ref, ctx.unit()), Fmt.val(value, ctx.unit()));
        return new Verdict(name(), AnomalyType.DRIFT, Severities.fromRatio(score() / threshold()), ctx.name(), null,
                ts, score(), threshold(), value, ref - band, ref + band, msg, null);
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        core.write(out);
    }

    @Override
    public void readState(DataInput in) throws IOException {
        core.read(in);
    }
}
