package io.plantwatch.report.reading.service;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.Map;

/**
 * One point of a series. A raw sample has only {@code values}; an aggregated point (a bucket of samples) has the
 * mean in {@code values} and the envelope in {@code min} and {@code max}, so a spike stays visible when zoomed out,
 * and the number of samples per channel in {@code count}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SeriesPoint(Instant ts, Map<String, Double> values, Map<String, Double> min, Map<String, Double> max,
        Map<String, Long> count) {

    public static SeriesPoint raw(Instant ts, Map<String, Double> values) {
        return new SeriesPoint(ts, values, null, null, null);
    }
}
