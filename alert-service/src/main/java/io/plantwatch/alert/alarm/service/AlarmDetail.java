package io.plantwatch.alert.alarm.service;

import java.util.List;

/** An alarm with its full history (comments included), oldest change first. */
public record AlarmDetail(Alarm alarm, List<AlarmHistoryEntry> history) {
}
