package io.plantwatch.report.alarm.service;

import java.time.Instant;

/** An alarm's current state as reports show it. */
public record AlarmView(String alarmId, String deviceId, String channel, String type, String severity, String status,
        long count, Instant firstSeen, Instant lastSeen, String assignee, String message) {

    public boolean resolved() {
        return status != null && status.startsWith("CLEARED");
    }

    /** Whether an anomaly of this device, channel and type at {@code ts} belongs to this alarm. */
    public boolean covers(String anomalyDevice, String anomalyChannel, String anomalyType, Instant ts) {
        return deviceId.equals(anomalyDevice) && java.util.Objects.equals(channel, anomalyChannel)
                && java.util.Objects.equals(type, anomalyType) && !ts.isBefore(firstSeen)
                && (!resolved() || !ts.isAfter(lastSeen));
    }
}
