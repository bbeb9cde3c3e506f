package io.plantwatch.detection.detector.channel;

import io.plantwatch.contracts.event.AnomalyType;
import io.plantwatch.contracts.event.Severity;
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
 * Missing data ({@code missing}, MISSING), driven by a timer: {@link #onTick} reports a channel that has had no
 * sample for more than {@code factor} × its expected period (configured, else the median interval of the warm-up).
 * It reports once per gap and again each time the severity of the gap rises; a new sample ends the gap.
 */
public final class MissingDetector {

    private final ChannelContext ctx;
    private final double factor;
    private final double configuredPeriodMillis;

    private long lastSeen = Long.MIN_VALUE;
    private Severity reported;   // severity already reported for the current gap, null = none

    public MissingDetector(ChannelContext ctx, DetectorConfig.MissingParams p, Double channelPeriodSeconds) {
        this.ctx = ctx;
        this.factor = p.factor();
        double period = channelPeriodSeconds != null ? channelPeriodSeconds
                : p.defaultPeriodSeconds() != null ? p.defaultPeriodSeconds() : Double.NaN;
        configuredPeriodMillis = period * 1000.0;
    }

    /** Expected period in milliseconds (configured, else learned), NaN while unknown. */
    public double periodMillis() {
        return configuredPeriodMillis > 0 ? configuredPeriodMillis : ctx.periodMillis();
    }

    public void onSample(long tsMillis) {
        if (tsMillis >= lastSeen) {
            lastSeen = tsMillis;
        }
        reported = null;
    }

    /** True while a reported gap is open. */
    public boolean gapOpen() {
        return reported != null;
    }

    /** Checks the gap at {@code now}; returns a verdict when a gap is newly found or has grown more severe. */
    public Verdict onTick(Instant now) {
        double period = periodMillis();
        if (lastSeen == Long.MIN_VALUE || !(period > 0)) {
            return null;
        }
        long gap = now.toEpochMilli() - lastSeen;
        double ratio = gap / period;
        if (ratio <= factor) {
            return null;
        }
        Severity sev = Severities.fromRatio(ratio / factor);
        if (reported != null && sev.compareTo(reported) <= 0) {
            return null;
        }
        reported = sev;
        String msg = String.format("no %s sample for %s s (last at %s), %s× the expected period of %s s",
                ctx.name(), Fmt.num(gap / 1000.0), Instant.ofEpochMilli(lastSeen), Fmt.one(ratio),
                Fmt.num(period / 1000.0));
        return new Verdict(DetectorConfig.MISSING, AnomalyType.MISSING, sev, ctx.name(), null, now, ratio, factor,
                null, null, null, msg, null);
    }

    public void writeState(DataOutput out) throws IOException {
        out.writeLong(lastSeen);
        out.writeInt(reported == null ? -1 : reported.ordinal());
    }

    public void readState(DataInput in) throws IOException {
        lastSeen = in.readLong();
        int r = in.readInt();
        reported = r < 0 ? null : Severity.values()[r];
    }
}
