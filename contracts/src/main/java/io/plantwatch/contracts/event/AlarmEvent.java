package io.plantwatch.contracts.event;

import java.time.Instant;

/**
 * A change of an alarm's state, published on every change.
 *
 * @param schemaVersion {@link #SCHEMA_VERSION} when produced
 * @param id            stable id of this change (alarmId + revision)
 * @param alarmId       the alarm; also the Kafka key
 * @param revision      increases by one per change of the alarm
 * @param deviceId      device
 * @param site          the device's site, when known
 * @param channel       channel, or "*" for device-level alarms
 * @param type          anomaly type that raised the alarm
 * @param severity      current severity
 * @param status        current status
 * @param count         anomalies folded into the alarm so far
 * @param firstSeen     first anomaly time
 * @param lastSeen      latest anomaly time
 * @param assignee      user the alarm is assigned to, or null
 * @param change        what this event changes
 * @param actor         who made the change ("system" for automatic ones)
 * @param at            when the change was made
 * @param value         latest (or peak) value, when there is one
 * @param message       latest anomaly sentence
 */
public record AlarmEvent(
        int schemaVersion,
        String id,
        String alarmId,
        long revision,
        String deviceId,
        String site,
        String channel,
        AnomalyType type,
        Severity severity,
        AlarmStatus status,
        long count,
        Instant firstSeen,
        Instant lastSeen,
        String assignee,
        AlarmChange change,
        String actor,
        Instant at,
        Double value,
        String message) {

    public static final int SCHEMA_VERSION = 1;
}
