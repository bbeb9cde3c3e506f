package io.plantwatch.alert.notification.service;

import io.plantwatch.alert.notification.repository.MailEntity;
import io.plantwatch.alert.notification.repository.MailRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;

/** Queues mails in the outbox (MongoDB); the {@link MailSender} delivers them. */
@ApplicationScoped
public class MailOutbox {

    private final MailRepository mails;
    private final Clock clock;

    public MailOutbox(MailRepository mails, Clock clock) {
        this.mails = mails;
        this.clock = clock;
    }

    /** Queues the mail; false when the same mail (same id) was queued before. */
    /** True when the mail {@code id} was queued before (e.g. the same alarm change announced again on a replay). */
    public boolean holds(String id) {
        return mails.holds(id);
    }

    public boolean enqueue(OutgoingMail mail) {
        Instant now = clock.instant();
        MailEntity e = new MailEntity();
        e.id = mail.id();
        e.kind = mail.kind();
        e.recipient = mail.recipient();
        e.email = mail.email();
        e.subject = mail.subject();
        e.text = mail.text();
        e.html = mail.html();
        e.alarmId = mail.alarmId();
        e.state = MailRepository.QUEUED;
        e.attempts = 0;
        e.createdAt = now;
        e.nextAttemptAt = now;
        e.updatedAt = now;
        return mails.enqueue(e);
    }
}
