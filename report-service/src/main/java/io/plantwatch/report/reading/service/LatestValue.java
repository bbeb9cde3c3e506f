package io.plantwatch.report.reading.service;

import java.time.Instant;

/** The latest value of one channel of one device. */
public record LatestValue(String deviceId, String channel, double value, Instant ts) {
}
