package io.plantwatch.alert.alarm.service;

import io.plantwatch.contracts.event.AlarmStatus;
import io.plantwatch.contracts.event.Severity;

import java.time.Instant;
import java.util.Set;

/**
 * Filters of the alarm list; every one optional. {@code from}/{@code to}: alarms that were open at some time in
 * [from, to) (first seen before {@code to}, not cleared before {@code from}).
 */
public record AlarmQuery(String deviceId, String site, Set<AlarmStatus> statuses, Set<Severity> severities,
        Severity minSeverity, Boolean active, Instant from, Instant to, int page, int size) {

    public AlarmQuery {
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
        severities = severities == null ? Set.of() : Set.copyOf(severities);
    }
}
