package io.plantwatch.detection.backtest;

import java.util.List;
import java.util.Map;

/**
 * What a backtest found.
 *
 * @param rows               samples evaluated
 * @param trainRows          warm-up samples (the statistical detectors judge only after them)
 * @param anomalousRows      samples on which a device alarm was open (is_anomaly = 1)
 * @param alarmsOpened       alarms that would have opened (alarm_onset = 1)
 * @param alarmOnsets        timestamps (as in the input) of the first 1000 onsets
 * @param verdictsByDetector verdict count per detector name
 * @param verdictsByType     verdict count per anomaly type
 * @param verdictsBySeverity verdict count per severity
 * @param alarmDetectors     the detectors that opened alarms in this run
 * @param elapsedMillis      wall-clock time of the run
 */
public record BacktestSummary(long rows, int trainRows, long anomalousRows, long alarmsOpened,
        List<String> alarmOnsets, Map<String, Long> verdictsByDetector, Map<String, Long> verdictsByType,
        Map<String, Long> verdictsBySeverity, List<String> alarmDetectors, long elapsedMillis) {
}
