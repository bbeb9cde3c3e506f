package io.plantwatch.alert.alarm.service;

import io.plantwatch.alert.alarm.repository.AlarmEntity;
import io.plantwatch.contracts.event.AlarmStatus;
import io.plantwatch.contracts.event.AnomalyType;
import io.plantwatch.contracts.event.Severity;

import java.time.Instant;

/** An alarm as the API and the notifications show it. */
public record Alarm(String id, String deviceId, String deviceName, String site, String line, String channel,
        String unit, AnomalyType type, Severity severity, Severity peakSeverity, AlarmStatus status, long count,
        Instant firstSeen, Instant lastSeen, Double lastValue, Double peakValue, Double expectedLow,
        Double expectedHigh, String message, String assignee, String acknowledgedBy, Instant acknowledgedAt,
        String clearedBy, Instant clearedAt, String clearReason, Instant remindedAt, Instant escalatedAt,
        Instant createdAt, long revision) {

    public static Alarm of(AlarmEntity e) {
        return new Alarm(e.id, e.deviceId, e.deviceName == null ? e.deviceId : e.deviceName, e.site, e.line,
                e.channel, e.unit, AnomalyType.valueOf(e.type), Severity.values()[e.severityRank],
                Severity.values()[Math.max(e.peakSeverityRank, 0)], AlarmStatus.of(e.active, e.acknowledged), e.count,
                e.firstSeen, e.lastSeen, e.lastValue, e.peakValue, e.expectedLow, e.expectedHigh, e.message,
                e.assignee, e.acknowledgedBy, e.acknowledgedAt, e.clearedBy, e.clearedAt, e.clearReason, e.remindedAt,
                e.escalatedAt, e.createdAt, e.revision);
    }

    public boolean active() {
        return status.active();
    }
}
