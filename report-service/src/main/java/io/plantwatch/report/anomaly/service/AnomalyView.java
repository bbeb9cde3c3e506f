package io.plantwatch.report.anomaly.service;

import io.plantwatch.contracts.event.AnomalyEvent;
import io.plantwatch.contracts.event.AnomalyType;
import io.plantwatch.contracts.event.Severity;

import java.time.Instant;
import java.util.List;

/**
 * An anomaly of the history with the state of the alarm it raised: {@code resolved} is true once that alarm is
 * cleared (the seeds' resolved flag); {@code alarmId} and {@code alarmStatus} are null while no alarm is known.
 */
public record AnomalyView(String id, String readingId, String deviceId, String channel, List<String> channels,
        Instant ts, String detector, String modelId, AnomalyType type, Severity severity, double score,
        double threshold, Double value, Double expectedLow, Double expectedHigh, String message,
        AnomalyEvent.ProbableCause probableCause, boolean resolved, String alarmId, String alarmStatus) {

    static AnomalyView of(AnomalyEvent a, String alarmId, String alarmStatus, boolean resolved) {
        return new AnomalyView(a.id(), a.readingId(), a.deviceId(), a.channel(), a.channels(), a.ts(), a.detector(),
                a.modelId(), a.type(), a.severity(), a.score(), a.threshold(), a.value(), a.expectedLow(),
                a.expectedHigh(), a.message(), a.probableCause(), resolved, alarmId, alarmStatus);
    }
}
