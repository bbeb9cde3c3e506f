package io.plantwatch.report.stats.service;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Statistics of one channel of one device over a range.
 *
 * @param stddev    population standard deviation
 * @param p95       95th percentile, linearly interpolated between the closest ranks (as numpy's default)
 * @param energyKwh power integrated over time (trapezoids; gaps longer than the configured maximum are skipped),
 *                  for power channels only
 * @param source    "raw" when computed from every sample, else the rollup used ("1m", "1h")
 * @param exact     false when computed from rollups: then p95 is the percentile of the slot means
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChannelStats(String deviceId, String channel, String unit, long count, Double min, Double max, Double avg,
        Double stddev, Double p95, Double energyKwh, String source, boolean exact) {
}
