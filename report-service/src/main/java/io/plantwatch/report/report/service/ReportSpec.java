package io.plantwatch.report.report.service;

import io.plantwatch.report.common.TimeRange;

import java.util.List;
import java.util.Set;

/**
 * What a PDF report covers.
 *
 * @param site      the site named in the title, or null
 * @param deviceIds the devices, in report order
 * @param channels  channels to include; empty for all
 */
public record ReportSpec(String site, List<String> deviceIds, Set<String> channels, TimeRange range) {
}
