package io.plantwatch.detection.detector.channel;

import io.plantwatch.contracts.event.AnomalyType;
import io.plantwatch.detection.detector.ChannelContext;
import io.plantwatch.detection.detector.DetectorConfig;
import io.plantwatch.detection.detector.Fmt;
import io.plantwatch.detection.detector.Severities;
import io.plantwatch.detection.detector.Verdict;
import io.plantwatch.detection.detector.util.Stats;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Instant;

/**
 * Rate of change ({@code rate}, SPIKE): the rate r = Δvalue / Δt (per second; per sample when timestamps do not
 * advance) scored as |r − median| / (1.4826·MAD) of the warm-up's rates. The threshold is the larger of
 * {@code threshold} and {@code learnedFactor} × the largest score seen in the warm-up, so a channel whose normal
 * operation includes fast moves is not flagged for them.
 */
public final class RateDetector extends ChannelDetector {

    private final double baseThreshold;
    private final double learnedFactor;

    private double median;
    private double scale = 1;
    private double thr;
    private boolean havePrev;
    private double prevValue;
    private long prevTs;
    private double stat;
    private double lastRate;
    private double lastDelta;
    private double lastDt;

    public RateDetector(ChannelContext ctx, DetectorConfig.RateParams p) {
        super(ctx);
        baseThreshold = p.threshold();
        learnedFactor = p.learnedFactor();
        thr = baseThreshold;
    }

    @Override
    public String name() {
        return DetectorConfig.RATE;
    }

    private static double rate(double dv, long dtMillis) {
        return dtMillis > 0 ? dv / (dtMillis / 1000.0) : dv;
    }

    @Override
    public void train(double[] v, long[] ts, int n) {
        double[] r = new double[Math.max(1, n - 1)];
        int k = 0;
        for (int i = 1; i < n; i++) {
            r[k++] = rate(v[i] - v[i - 1], ts[i] - ts[i - 1]);
        }
        if (k < 3) {
            median = 0;
            scale = 1;
        } else {
            median = Stats.median(r, k);
            double mad = 1.4826 * Stats.mad(r, k);
            double sd = Stats.std(r, k);
            double range = Stats.quantile(v, n, 0.95) - Stats.quantile(v, n, 0.05);
            scale = Math.max(Math.max(mad, 0.25 * sd), 1e-9 + 1e-3 * Math.abs(range));
        }
        double maxScore = 0;
        for (int i = 0; i < k; i++) {
            maxScore = Math.max(maxScore, Math.abs(r[i] - median) / scale);
        }
        thr = Math.max(baseThreshold, learnedFactor * maxScore);
        havePrev = false;
        for (int i = 0; i < n; i++) {
            update(ts[i], v[i]);
        }
    }

    @Override
    public boolean update(long tsMillis, double v) {
        if (!havePrev) {
            havePrev = true;
            prevValue = v;
            prevTs = tsMillis;
            stat = 0;
            return false;
        }
        lastDelta = v - prevValue;
        long dt = tsMillis - prevTs;
        lastDt = dt / 1000.0;
        lastRate = rate(lastDelta, dt);
        stat = Math.abs(lastRate - median) / scale;
        prevValue = v;
        prevTs = tsMillis;
        return stat > threshold();
    }

    @Override
    public double score() {
        return stat;
    }

    @Override
    public double threshold() {
        return thr / sens();
    }

    @Override
    public Verdict verdict(Instant ts, double value) {
        String per = lastDt > 0 ? "/s" : " per sample";
        String msg = String.format("%s changed by %s%s in %s (%s%s), %s× its usual rate of change", ctx.name(),
                lastDelta >= 0 ? "+" : "", Fmt.val(lastDelta, ctx.unit()),
                lastDt > 0 ? Fmt.num(lastDt) + " s" : "one sample", Fmt.num(lastRate), per, Fmt.one(stat));
        double prev = value - lastDelta;
        double allowed = threshold() * scale * (lastDt > 0 ? lastDt : 1);
        return new Verdict(name(), AnomalyType.SPIKE, Severities.fromRatio(stat / threshold()), ctx.name(), null, ts,
                stat, threshold(), value, prev - allowed, prev + allowed, msg, null);
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        out.writeDouble(median);
        out.writeDouble(scale);
        out.writeDouble(thr);
        out.writeBoolean(havePrev);
        out.writeDouble(prevValue);
        out.writeLong(prevTs);
        out.writeDouble(stat);
        out.writeDouble(lastRate);
        out.writeDouble(lastDelta);
        out.writeDouble(lastDt);
    }

    @Override
    public void readState(DataInput in) throws IOException {
        median = in.readDouble();
        scale = in.readDouble();
        thr = in.readDouble();
        havePrev = in.readBoolean();
        prevValue = in.readDouble();
        prevTs = in.readLong();
        stat = in.readDouble();
        lastRate = in.readDouble();
        lastDelta = in.readDouble();
        lastDt = in.readDouble();
    }
}
