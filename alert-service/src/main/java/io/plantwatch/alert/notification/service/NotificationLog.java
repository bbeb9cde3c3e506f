package io.plantwatch.alert.notification.service;

import io.plantwatch.alert.notification.repository.MailEntity;
import io.plantwatch.alert.notification.repository.MailRepository;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.lt;

/** Every e-mail with its delivery state (the outbox is the log). */
@ApplicationScoped
public class NotificationLog {

    private final MailRepository mails;

    public NotificationLog(MailRepository mails) {
        this.mails = mails;
    }

    /** One mail: what, to whom, and how its delivery went. */
    public record Entry(String id, String kind, String recipient, String email, String subject, String alarmId,
            String state, int attempts, String lastError, Instant createdAt, Instant nextAttemptAt, Instant sentAt) {

        static Entry of(MailEntity m) {
            return new Entry(m.id, m.kind, m.recipient, m.email, m.subject, m.alarmId, m.state, m.attempts, m.lastError,
                    m.createdAt, MailRepository.QUEUED.equals(m.state) ? m.nextAttemptAt : null, m.sentAt);
        }
    }

    public record Page(List<Entry> items, long total) {
    }

    /** Newest first, filtered by recipient, state, kind, alarm and creation time [from, to). */
    public Page list(String recipient, String state, String kind, String alarmId, Instant from, Instant to, int page,
            int size) {
        List<Bson> filters = new ArrayList<>();
        if (recipient != null) {
            filters.add(eq("recipient", recipient));
        }
        if (state != null) {
            filters.add(eq("state", state));
        }
        if (kind != null) {
            filters.add(eq("kind", kind));
        }
        if (alarmId != null) {
            filters.add(eq("alarmId", alarmId));
        }
        if (from != null) {
            filters.add(gte("createdAt", from));
        }
        if (to != null) {
            filters.add(lt("createdAt", to));
        }
        Bson filter = filters.isEmpty() ? new Document() : and(filters);
        return new Page(mails.find(filter, page * size, size).stream().map(Entry::of).toList(), mails.count(filter));
    }
}
