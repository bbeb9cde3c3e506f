package io.plantwatch.report.reading.model;

import java.util.Map;

/** Receives rollup slots (a minute or an hour) in time order. */
@FunctionalInterface
public interface SlotSink {

    void accept(long slotStartMs, Map<String, Aggregate> channels);
}
