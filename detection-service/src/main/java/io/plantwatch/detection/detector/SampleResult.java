package io.plantwatch.detection.detector;

import java.time.Instant;
import java.util.List;

/**
 * Everything the engine decided about one evaluated sample.
 *
 * @param ts          device time of the sample
 * @param verdicts    the verdicts of all detectors that fired on this sample (possibly empty)
 * @param score       anomaly score in [0, 1] of the alarm-opening detectors: max over them of r / (1 + r) with
 *                    r = statistic / threshold, so 0.5 means "exactly at the threshold"
 * @param alarmActive a device alarm is open on this sample (some alarm-opening detector fired within its hold time)
 * @param alarmOnset  an alarm opens on this sample (after the debounce); true on one sample per alarm
 * @param trained     the device's statistical detectors have finished their warm-up
 */
public record SampleResult(Instant ts, List<Verdict> verdicts, double score, boolean alarmActive, boolean alarmOnset,
        boolean trained) {
}
