package io.plantwatch.alert.alarm.service;

import java.util.List;

/** One page of alarms and the total number matching. */
public record AlarmPage(List<Alarm> items, long total) {
}
