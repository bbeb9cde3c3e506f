package io.plantwatch.alert.notification.mail;

/** A message sent by a person, optionally with an alarm summary (alarm may be null). */
public record MessageView(String subject, String message, String sender, AlarmView alarm) {
}
