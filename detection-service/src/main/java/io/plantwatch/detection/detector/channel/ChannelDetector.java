package io.plantwatch.detection.detector.channel;

import io.plantwatch.detection.detector.ChannelContext;
import io.plantwatch.detection.detector.Verdict;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Instant;

/**
 * A detector on one channel's stream of values. Life cycle: {@link #train} once on the warm-up samples (it fits its
 * parameters and replays the warm-up to fill its windows), then {@link #update} per sample; when update returns
 * true the detector fires and {@link #verdict} describes why. Single-threaded, deterministic.
 */
public abstract class ChannelDetector {

    protected final ChannelContext ctx;

    protected ChannelDetector(ChannelContext ctx) {
        this.ctx = ctx;
    }

    /** Detector name as in {@code AnomalyEvent.detector}. */
    public abstract String name();

    /** Whether {@link #train} must run before {@link #update}. */
    public boolean needsTraining() {
        return true;
    }

    /** Fits on the first {@code n} warm-up samples and replays them (no verdicts). */
    public abstract void train(double[] values, long[] tsMillis, int n);

    /**
     * Judges one sample.
     *
     * @return true when the detector fires on it
     */
    public abstract boolean update(long tsMillis, double value);

    /** The statistic of the last update. */
    public abstract double score();

    /** The threshold of the statistic. */
    public abstract double threshold();

    /** Describes the last update (call only when it fired). */
    public abstract Verdict verdict(Instant ts, double value);

    public abstract void writeState(DataOutput out) throws IOException;

    public abstract void readState(DataInput in) throws IOException;

    protected final double sens() {
        return ctx.sensitivity();
    }
}
