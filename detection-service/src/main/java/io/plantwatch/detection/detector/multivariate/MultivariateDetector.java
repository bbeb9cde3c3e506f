package io.plantwatch.detection.detector.multivariate;

import io.plantwatch.detection.detector.Verdict;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * A detector over all channels of a device (one row of values per sample, channel order fixed at training).
 * Life cycle as {@link io.plantwatch.detection.detector.channel.ChannelDetector}: {@link #train} on the warm-up
 * rows (fit + replay), then {@link #update} per row. NaN in a row means "no new value for that channel".
 */
public abstract class MultivariateDetector {

    protected final String deviceId;
    protected final List<String> channels;
    protected final List<String> units;
    protected final double sensitivity;
    protected String modelId;

    protected MultivariateDetector(String deviceId, List<String> channels, List<String> units, double sensitivity) {
        this.deviceId = deviceId;
        this.channels = List.copyOf(channels);
        this.units = List.copyOf(units);
        this.sensitivity = sensitivity;
    }

    public abstract String name();

    /** The channels of a row, in model order. */
    public List<String> channels() {
        return channels;
    }

    public abstract void train(double[][] rows, long[] tsMillis, int n);

    /** @return true when the detector fires on this row */
    public abstract boolean update(long tsMillis, double[] row);

    public abstract double score();

    public abstract double threshold();

    /** Describes the last update (call only when it fired). */
    public abstract Verdict verdict(Instant ts, double[] row);

    /**
     * A trained model starts judging a new stream (a stored model bound to a device): forget the stream state
     * (smoothing, adaptive reference, alarm runs) but keep what was fitted.
     */
    public abstract void restartStream();

    public abstract void writeState(DataOutput out) throws IOException;

    public abstract void readState(DataInput in) throws IOException;

    /** Id of the trained model, e.g. {@code mewma:pump-7:n400}. */
    public String modelId() {
        return modelId;
    }

    /**
     * Names the trained model after the registry entry it came from (e.g. {@code model:<id>:v2}), so its verdicts
     * say which stored model produced them.
     */
    public void useModelId(String id) {
        this.modelId = id;
    }

    protected String makeModelId(int n) {
        return name() + ":" + deviceId + ":n" + n;
    }

    protected String unit(int c) {
        return units.get(c);
    }
}
