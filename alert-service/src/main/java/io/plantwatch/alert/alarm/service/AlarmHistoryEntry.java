package io.plantwatch.alert.alarm.service;

import io.plantwatch.alert.alarm.repository.AlarmHistoryEntity;

import java.time.Instant;

/** One change in an alarm's history: what, who, when, and the alarm's severity and status after it. */
public record AlarmHistoryEntry(long revision, String action, String actor, Instant at, String severity,
        String status, String note) {

    public static AlarmHistoryEntry of(AlarmHistoryEntity e) {
        return new AlarmHistoryEntry(e.revision, e.action, e.actor, e.at, e.severity, e.status, e.note);
    }
}
