package io.plantwatch.detection.pipeline.service;

import io.plantwatch.contracts.event.AnomalyEvent;
import io.plantwatch.contracts.event.Severity;
import io.plantwatch.detection.detector.Verdict;

import java.util.Set;

/**
 * Turns verdicts into the published events. Every verdict is published (the anomaly history shows all of them), but
 * the verdicts of detectors that do not open alarms on that device get severity INFO: alert-service opens alarms only
 * for WARNING and above, so one fault does not raise one alarm per detector.
 */
public final class VerdictEvents {

    private VerdictEvents() {
    }

    public static AnomalyEvent toEvent(Verdict v, String deviceId, String readingId, Set<String> alarmDetectors) {
        AnomalyEvent e = v.toEvent(deviceId, readingId);
        return alarmDetectors.contains(v.detector()) ? e : withSeverity(e, Severity.INFO);
    }

    /** The synthetic reading id of a timer-driven verdict: the gap after the last reading, at this severity. */
    public static String gapReadingId(String lastReadingId, Verdict v) {
        return "gap:" + lastReadingId + ":" + v.severity().name();
    }

    static AnomalyEvent withSeverity(AnomalyEvent e, Severity s) {
        return new AnomalyEvent(e.schemaVersion(), e.id(), e.readingId(), e.deviceId(), e.channel(), e.channels(),
                e.ts(), e.detector(), e.modelId(), e.type(), s, e.score(), e.threshold(), e.value(), e.expectedLow(),
                e.expectedHigh(), e.message(), e.probableCause());
    }
}
