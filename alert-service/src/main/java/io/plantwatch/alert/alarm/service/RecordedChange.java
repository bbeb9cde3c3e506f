package io.plantwatch.alert.alarm.service;

import io.plantwatch.alert.alarm.repository.AlarmHistoryEntity;
import io.plantwatch.contracts.event.Severity;

import java.time.Instant;

/** A change from the alarm history with the alarm's coordinates (for digests). */
public record RecordedChange(String alarmId, String deviceId, String site, String channel, String type, String action,
        String actor, Instant at, Severity severity, String status, String note) {

    static RecordedChange of(AlarmHistoryEntity h) {
        return new RecordedChange(h.alarmId, h.deviceId, h.site, h.channel, h.type, h.action, h.actor, h.at,
                Severity.valueOf(h.severity), h.status, h.note);
    }
}
