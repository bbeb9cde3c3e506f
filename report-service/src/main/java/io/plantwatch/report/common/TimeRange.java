package io.plantwatch.report.common;

import java.time.Duration;
import java.time.Instant;

/** A half-open time range [from, to). */
public record TimeRange(Instant from, Instant to) {

    public Duration length() {
        return Duration.between(from, to);
    }
}
