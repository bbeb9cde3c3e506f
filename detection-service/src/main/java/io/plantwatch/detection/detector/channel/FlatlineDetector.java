package io.plantwatch.detection.detector.channel;

import io.plantwatch.contracts.event.AnomalyType;
import io.plantwatch.detection.detector.ChannelContext;
import io.plantwatch.detection.detector.DetectorConfig;
import io.plantwatch.detection.detector.Fmt;
import io.plantwatch.detection.detector.Severities;
import io.plantwatch.detection.detector.Verdict;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Instant;

/**
 * Flatline / stuck sensor ({@code flatline}, FLATLINE): the value stays within {@code tolerance} of the value that
 * started the run for at least max({@code minSamples}, {@code factor} × the longest such run of the warm-up)
 * samples. Learning the run length keeps quantised sensors (which repeat values for a while) quiet.
 */
public final class FlatlineDetector extends ChannelDetector {

    private final double tolerance;
    private final double factor;
    private final int minSamples;

    private double runThreshold;
    private double runValue = Double.NaN;
    private long runStartTs;
    private int run;
    private long lastTs;

    public FlatlineDetector(ChannelContext ctx, DetectorConfig.FlatlineParams p) {
        super(ctx);
        tolerance = p.tolerance();
        factor = p.factor();
        minSamples = p.minSamples();
        runThreshold = minSamples;
    }

    @Override
    public String name() {
        return DetectorConfig.FLATLINE;
    }

    @Override
    public void train(double[] v, long[] ts, int n) {
        int longest = 0;
        for (int i = 0; i < n; i++) {
            update(ts[i], v[i]);
            longest = Math.max(longest, run);
        }
        runThreshold = Math.max(minSamples, factor * longest);
    }

    @Override
    public boolean update(long tsMillis, double v) {
        if (run > 0 && Math.abs(v - runValue) <= tolerance) {
            run++;
        } else {
            run = 1;
            runValue = v;
            runStartTs = tsMillis;
        }
        lastTs = tsMillis;
        return run >= threshold();
    }

    @Override
    public double score() {
        return run;
    }

    @Override
    public double threshold() {
        return Math.max(2, runThreshold / sens());
    }

    @Override
    public Verdict verdict(Instant ts, double value) {
        double secs = (lastTs - runStartTs) / 1000.0;
        String msg = String.format("%s has stayed at %s for %d samples (%s s), longer than the %d samples expected"
                        + " (stuck sensor?)", ctx.name(), Fmt.val(runValue, ctx.unit()), run, Fmt.num(secs),
                (int) Math.ceil(threshold()));
        return new Verdict(name(), AnomalyType.FLATLINE, Severities.fromRatio(run / threshold()), ctx.name(), null,
                ts, run, threshold(), value, null, null, msg, null);
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        out.writeDouble(runThreshold);
        out.writeDouble(runValue);
        out.writeLong(runStartTs);
        out.writeInt(run);
        out.writeLong(lastTs);
    }

    @Override
    public void readState(DataInput in) throws IOException {
        runThreshold = in.readDouble();
        runValue = in.readDouble();
        runStartTs = in.readLong();
        run = in.readInt();
        lastTs = in.readLong();
    }
}
