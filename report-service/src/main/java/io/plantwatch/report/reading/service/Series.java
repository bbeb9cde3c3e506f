package io.plantwatch.report.reading.service;

import java.util.List;

/**
 * A series as chosen for a chart.
 *
 * @param resolution    "raw", or the rollup it was built from ("1m" or "1h")
 * @param bucketSeconds width of one aggregated point (0 for raw)
 * @param points        in time order, never more than the maxPoints asked for
 */
public record Series(String resolution, long bucketSeconds, List<SeriesPoint> points) {
}
