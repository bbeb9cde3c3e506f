package io.plantwatch.alert.notification.repository;

import io.quarkus.mongodb.panache.common.MongoEntity;
import org.bson.codecs.pojo.annotations.BsonId;

import java.time.Instant;

/**
 * One e-mail in the outbox, rendered when queued. Its id is deterministic (e.g. {@code alarm|<alarmId>|<revision>|<user>})
 * so queuing the same mail twice stores it once; the sender moves it QUEUED → SENDING → SENT, or back to QUEUED
 * with a later {@code nextAttemptAt} after a failed attempt, or to FAILED after the last one.
 */
@MongoEntity(collection = "mail_outbox")
public class MailEntity {
    @BsonId
    public String id;
    /** ALARM, RAISED, REMINDER, ESCALATION, ASSIGNED, DIGEST, MESSAGE. */
    public String kind;
    public String recipient;
    public String email;
    public String subject;
    public String text;
    public String html;
    public String alarmId;
    public String state;
    public int attempts;
    public String lastError;
    public Instant createdAt;
    public Instant nextAttemptAt;
    public Instant leaseUntil;
    public Instant sentAt;
    public Instant updatedAt;
}
