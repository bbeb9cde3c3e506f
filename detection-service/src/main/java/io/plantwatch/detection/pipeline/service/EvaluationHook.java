package io.plantwatch.detection.pipeline.service;

import io.plantwatch.contracts.event.AnomalyEvent;
import io.plantwatch.contracts.event.Reading;
import io.plantwatch.detection.detector.SampleResult;

import java.util.List;

/**
 * Features that act on every evaluated reading (forecast deviation, probable cause, detection sessions). Called on
 * the engine thread in {@link #order()}, after the device's detectors judged the reading and before its events are
 * published: keep it to memory, never wait on I/O.
 */
public interface EvaluationHook {

    /** Hooks run in ascending order: those that add events before those that enrich or count them. */
    default int order() {
        return 100;
    }

    /**
     * @param reading  the reading just evaluated
     * @param result   the device detector's result for it
     * @param modelKey the registry model the device runs, or null
     * @param events   the events to publish for this reading so far
     * @return the events to publish for it (the same list, or a new one with events added or enriched)
     */
    List<AnomalyEvent> afterEvaluation(Reading reading, SampleResult result, String modelKey,
            List<AnomalyEvent> events);
}
