package io.plantwatch.ingest.reading.service;

import java.time.Instant;
import java.util.Map;

/**
 * One validated device sample, before it becomes a Reading.
 *
 * @param sampleId the device's own id of the sample, or null
 * @param ts       device time
 * @param values   channel → finite value
 */
public record Sample(String sampleId, Instant ts, Map<String, Double> values) {
}
