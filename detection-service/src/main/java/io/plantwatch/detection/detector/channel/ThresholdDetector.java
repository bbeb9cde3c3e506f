package io.plantwatch.detection.detector.channel;

import io.plantwatch.contracts.event.AnomalyType;
import io.plantwatch.contracts.event.Severity;
import io.plantwatch.detection.detector.ChannelContext;
import io.plantwatch.detection.detector.DetectorConfig;
import io.plantwatch.detection.detector.Fmt;
import io.plantwatch.detection.detector.Verdict;

import java.io.DataInput;
import java.io.DataOutput;
import java.time.Instant;

/**
 * Static limits ({@code threshold}, OUT_OF_RANGE). A value outside the physically valid range is a sensor fault
 * (CRITICAL); a value outside the alarm (operating) range gets a severity from its excess relative to the range
 * width: below 5 % WARNING, below 10 % MINOR, below 25 % MAJOR, else CRITICAL. Needs no warm-up.
 */
public final class ThresholdDetector extends ChannelDetector {

    private final double validLow;
    private final double validHigh;
    private final double alarmLow;
    private final double alarmHigh;
    private double limit;
    private boolean invalid;
    private double value;

    public ThresholdDetector(ChannelContext ctx, DetectorConfig.ChannelConfig cc) {
        super(ctx);
        validLow = cc == null || cc.validLow() == null ? Double.NEGATIVE_INFINITY : cc.validLow();
        validHigh = cc == null || cc.validHigh() == null ? Double.POSITIVE_INFINITY : cc.validHigh();
        alarmLow = cc == null || cc.alarmLow() == null ? Double.NEGATIVE_INFINITY : cc.alarmLow();
        alarmHigh = cc == null || cc.alarmHigh() == null ? Double.POSITIVE_INFINITY : cc.alarmHigh();
    }

    /** True when any limit is configured. */
    public boolean configured() {
        return validLow > Double.NEGATIVE_INFINITY || validHigh < Double.POSITIVE_INFINITY
                || alarmLow > Double.NEGATIVE_INFINITY || alarmHigh < Double.POSITIVE_INFINITY;
    }

    @Override
    public String name() {
        return DetectorConfig.THRESHOLD;
    }

    @Override
    public boolean needsTraining() {
        return false;
    }

    @Override
    public void train(double[] values, long[] tsMillis, int n) {
        // nothing to learn
    }

    @Override
    public boolean update(long tsMillis, double v) {
        value = v;
        if (v < validLow || v > validHigh) {
            invalid = true;
            limit = v < validLow ? validLow : validHigh;
            return true;
        }
        invalid = false;
        if (v < alarmLow || v > alarmHigh) {
            limit = v < alarmLow ? alarmLow : alarmHigh;
            return true;
        }
        return false;
    }

    @Override
    public double score() {
        return value;
    }

    @Override
    public double threshold() {
        return limit;
    }

    private double low() {
        return invalid ? validLow : alarmLow;
    }

    private double high() {
        return invalid ? validHigh : alarmHigh;
    }

    /** Excess beyond the limit as a share of the range width (or of |limit| when the range is one-sided). */
    double excessShare() {
        double span = high() - low();
        double ref = Double.isFinite(span) && span > 0 ? span : Math.max(Math.abs(limit), 1e-12);
        return Math.abs(value - limit) / ref;
    }

    Severity severity() {
        if (invalid) {
            return Severity.CRITICAL;
        }
        double e = excessShare();
        return e < 0.05 ? Severity.WARNING : e < 0.10 ? Severity.MINOR : e < 0.25 ? Severity.MAJOR : Severity.CRITICAL;
    }

    @Override
    public Verdict verdict(Instant ts, double v) {
        boolean above = v > limit;
        String lo = Double.isFinite(low()) ? Fmt.val(low(), ctx.unit()) : "-∞";
        String hi = Double.isFinite(high()) ? Fmt.val(high(), ctx.unit()) : "+∞";
        String msg = String.format("%s %s is %s its %s range %s .. %s%s", ctx.name(), Fmt.val(v, ctx.unit()),
                above ? "above" : "below", invalid ? "valid" : "alarm", lo, hi,
                invalid ? " (sensor fault or impossible value)" : "");
        return new Verdict(name(), AnomalyType.OUT_OF_RANGE, severity(), ctx.name(), null, ts, v, limit, v,
                Double.isFinite(low()) ? low() : null, Double.isFinite(high()) ? high() : null, msg, null);
    }

    @Override
    public void writeState(DataOutput out) {
        // stateless
    }

    @Override
    public void readState(DataInput in) {
        // stateless
    }
}
