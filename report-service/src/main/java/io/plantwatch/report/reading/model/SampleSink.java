package io.plantwatch.report.reading.model;

import java.util.Map;

/** Receives raw samples in time order from a streamed read of the history. */
@FunctionalInterface
public interface SampleSink {

    /**
     * @param epochMs device time of the sample
     * @param values  channel to value (only the channels asked for)
     * @param quality null when GOOD, else the quality name
     */
    void accept(long epochMs, Map<String, Double> values, String quality);
}
