package io.plantwatch.alert.notification.service;

import io.plantwatch.alert.notification.config.NotifyConfig;
import io.plantwatch.alert.notification.repository.MailEntity;
import io.plantwatch.alert.notification.repository.MailRepository;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Delivers the outbox: one mail at a time, marked SENT once the SMTP server accepted it. A failed attempt puts the
 * mail back with exponential backoff (nothing is lost while the server is down); the run stops at the first
 * failure, so a dead server is not hammered. A mail is never sent twice by a healthy sender: it is claimed under a
 * lease before sending and marked sent right after.
 */
@ApplicationScoped
public class MailSender {

    private static final Logger LOG = Logger.getLogger(MailSender.class);
    /** Header carrying the outbox id, so a receiver can drop a duplicate after a sender crash. */
    public static final String ID_HEADER = "X-PlantWatch-Mail-Id";

    private final MailRepository mails;
    private final ReactiveMailer mailer;
    private final NotifyConfig.Outbox config;
    private final Clock clock;

    public MailSender(MailRepository mails, ReactiveMailer mailer, NotifyConfig config, Clock clock) {
        this.mails = mails;
        this.mailer = mailer;
        this.config = config.outbox();
        this.clock = clock;
    }

    @Scheduled(identity = "mail-outbox", delayed = "3s", every = "${plantwatch.alert.notify.outbox.every:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            sendDue();
        } catch (RuntimeException e) {
            LOG.warnf("mail outbox run failed (next run retries): %s", e.toString());
        }
    }

    /** Sends what is due; the number of mails sent. */
    public synchronized int sendDue() {
        int sent = 0;
        for (int i = 0; i < config.batch(); i++) {
            Instant now = clock.instant();
            MailEntity m = mails.claimNext(now, now.plus(config.lease()));
            if (m == null) {
                break;
            }
            int attempts = m.attempts + 1;
            try {
                Mail mail = Mail.withText(m.email, m.subject, m.text).setHtml(m.html).addHeader(ID_HEADER, m.id);
                mailer.send(mail).await().atMost(config.sendTimeout());
                mails.markSent(m.id, attempts, clock.instant());
                sent++;
            } catch (RuntimeException e) {
                Instant next = attempts >= config.maxAttempts() ? null : clock.instant().plus(backoff(attempts));
                String error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                mails.markAttemptFailed(m.id, attempts, error.length() > 500 ? error.substring(0, 500) : error, next,
                        clock.instant());
                if (next == null) {
                    LOG.errorf("mail %s to %s FAILED after %d attempts: %s", m.id, m.email, attempts, error);
                } else {
                    LOG.warnf("mail %s to %s not sent (attempt %d, next at %s): %s", m.id, m.email, attempts, next, error);
                }
                break;
            }
        }
        return sent;
    }

    /** Delay after the {@code attempts}-th failed attempt: initial x 2^(attempts-1), at most max. */
    Duration backoff(int attempts) {
        Duration d = config.initialBackoff().multipliedBy(1L << Math.min(20, Math.max(0, attempts - 1)));
        return d.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : d;
    }
}
