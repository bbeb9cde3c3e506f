package io.plantwatch.contracts.event;

/** What happened to an alarm in one {@link AlarmEvent}. */
public enum AlarmChange {
    CREATED, UPDATED, ACKNOWLEDGED, CLEARED, ESCALATED, ASSIGNED, COMMENTED, REMINDED
}
