package io.plantwatch.alert.notification.mail;

import io.plantwatch.alert.alarm.service.Alarm;

/** An alarm, formatted for a mail. */
public record AlarmView(String id, String deviceName, String deviceId, String site, String line, String channel,
        String type, String severity, String status, String value, String peak, String expectedRange, String message,
        String firstSeen, String lastSeen, long count, String assignee, String link) {

    public static AlarmView of(Alarm a, String link) {
        String unit = a.unit() == null ? "" : " " + a.unit();
        return new AlarmView(a.id(), a.deviceName(), a.deviceId(), orDash(a.site()), orDash(a.line()),
                "*".equals(a.channel()) ? "whole device" : a.channel(), a.type().name(), a.severity().name(),
                a.status().name(), a.lastValue() == null ? "-" : MailFormat.number(a.lastValue()) + unit,
                a.peakValue() == null ? "-" : MailFormat.number(a.peakValue()) + unit,
                MailFormat.range(a.expectedLow(), a.expectedHigh(), a.unit()), a.message() == null ? "" : a.message(),
                MailFormat.time(a.firstSeen()), MailFormat.time(a.lastSeen()), a.count(), orDash(a.assignee()), link);
    }

    private static String orDash(String s) {
        return s == null || s.isBlank() ? "-" : s;
    }
}
