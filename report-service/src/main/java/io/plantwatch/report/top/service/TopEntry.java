package io.plantwatch.report.top.service;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One row of a top-N view.
 *
 * @param channel   null when grouped by device only
 * @param count     anomalies, or alarms begun, in the range
 * @param anomalies for alarms: the anomalies folded into them
 * @param maxSeverity for anomalies: the most severe one's severity
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TopEntry(String deviceId, String channel, long count, Long anomalies, String maxSeverity) {
}
