package io.plantwatch.alert.notification.service;

/**
 * A mail to queue.
 *
 * @param id        deterministic id: queuing the same mail again changes nothing
 * @param kind      ALARM, RAISED, REMINDER, ESCALATION, ASSIGNED, DIGEST, MESSAGE
 * @param recipient username
 * @param alarmId   the alarm it is about, or null
 */
public record OutgoingMail(String id, String kind, String recipient, String email, String subject, String text,
        String html, String alarmId) {
}
