package io.plantwatch.detection.backtest;

import java.time.Instant;
import java.util.Map;

/**
 * One device sample for a backtest.
 *
 * @param label  the timestamp as written in the source (echoed in the output)
 * @param ts     parsed device time
 * @param values channel → value (NaN or absent = no value)
 */
public record Sample(String label, Instant ts, Map<String, Double> values) {
}
