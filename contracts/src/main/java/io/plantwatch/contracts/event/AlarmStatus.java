package io.plantwatch.contracts.event;

/** Alarm state: active or cleared, acknowledged or not. */
public enum AlarmStatus {
    ACTIVE_UNACK, ACTIVE_ACK, CLEARED_UNACK, CLEARED_ACK;

    public boolean active() {
        return this == ACTIVE_UNACK || this == ACTIVE_ACK;
    }

    public boolean acknowledged() {
        return this == ACTIVE_ACK || this == CLEARED_ACK;
    }

    public static AlarmStatus of(boolean active, boolean acknowledged) {
        if (active) {
            return acknowledged ? ACTIVE_ACK : ACTIVE_UNACK;
        }
        return acknowledged ? CLEARED_ACK : CLEARED_UNACK;
    }
}
