package io.plantwatch.alert.alarm.service;

import io.plantwatch.contracts.event.AlarmChange;
import io.plantwatch.contracts.event.AlarmEvent;
import io.plantwatch.contracts.event.EventIds;
import io.plantwatch.contracts.event.Severity;

import java.time.Instant;

/**
 * One change of an alarm, as published on plant.alarms and MQTT and observed (CDI event) by notifications.
 *
 * @param alarm            the alarm after the change
 * @param change           what changed
 * @param actor            who changed it ("system" for automatic changes)
 * @param at               when
 * @param note             comment, reason or other detail; may be null
 * @param previousSeverity the severity before, when the change raised it; else null
 */
public record AlarmChanged(Alarm alarm, AlarmChange change, String actor, Instant at, String note,
        Severity previousSeverity) {

    public boolean severityRaised() {
        return previousSeverity != null && alarm.severity().compareTo(previousSeverity) > 0;
    }

    public AlarmEvent toEvent() {
        return new AlarmEvent(AlarmEvent.SCHEMA_VERSION, EventIds.alarmEventId(alarm.id(), alarm.revision()),
                alarm.id(), alarm.revision(), alarm.deviceId(), alarm.site(), alarm.channel(), alarm.type(),
                alarm.severity(), alarm.status(), alarm.count(), alarm.firstSeen(), alarm.lastSeen(), alarm.assignee(),
                change, actor, at, alarm.lastValue(), alarm.message());
    }
}
