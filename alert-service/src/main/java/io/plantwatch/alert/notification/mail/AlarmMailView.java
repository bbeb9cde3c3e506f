package io.plantwatch.alert.notification.mail;

/** An immediate alarm mail: why it is sent (headline, note) and the alarm. */
public record AlarmMailView(String headline, String note, AlarmView alarm) {
}
