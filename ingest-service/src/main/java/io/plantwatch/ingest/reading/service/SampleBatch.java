package io.plantwatch.ingest.reading.service;

import java.util.List;

/** Validated samples of one device. */
public record SampleBatch(String deviceId, List<Sample> samples) {
}
