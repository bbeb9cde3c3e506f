package io.plantwatch.report.subscription.service;

import io.plantwatch.report.common.DeviceSelection;
import io.plantwatch.report.common.Params;
import io.plantwatch.report.common.TimeRange;
import io.plantwatch.report.config.ReportConfig;
import io.plantwatch.report.export.rest.ExportResource;
import io.plantwatch.report.export.service.ExportService;
import io.plantwatch.report.export.service.Resolution;
import io.plantwatch.report.report.service.ReportService;
import io.plantwatch.report.report.service.ReportSpec;
import io.plantwatch.report.subscription.repository.SubscriptionStore;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Builds and e-mails subscribed reports. A due delivery is claimed first, sent, and only then marked delivered: a
 * failed send (SMTP down) leaves it due, so the next check sends it; nothing accepted is lost.
 */
@ApplicationScoped
public class ReportDelivery {

    private static final Logger LOG = Logger.getLogger(ReportDelivery.class);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private final SubscriptionStore store;
    private final DeviceSelection selection;
    private final ReportService reports;
    private final ExportService exports;
    private final Mailer mailer;
    private final ReportConfig config;

    public ReportDelivery(SubscriptionStore store, DeviceSelection selection, ReportService reports,
            ExportService exports, Mailer mailer, ReportConfig config) {
        this.store = store;
        this.selection = selection;
        this.reports = reports;
        this.exports = exports;
        this.mailer = mailer;
        this.config = config;
    }

    /** Sends every delivery due at {@code now} (the latest complete period of each subscription); returns how many. */
    public int runDue(Instant now) {
        int sent = 0;
        for (ReportPeriod period : ReportPeriod.values()) {
            Instant end = period.currentEnd(now);
            for (String id : store.due(period, end, now)) {
                Optional<Subscription> claimed = store.claim(id, end, now, now.plus(config.schedule().claimFor()));
                if (claimed.isEmpty()) {
                    continue; // another instance has it, or it was just delivered
                }
                try {
                    send(claimed.get(), period.ending(end));
                    store.delivered(id, end, Instant.now());
                    sent++;
                } catch (RuntimeException e) {
                    LOG.warnf("report subscription %s: delivery for the period ending %s failed, retried at the next "
                            + "check: %s", id, end, e.getMessage());
                    store.failed(id, e.getClass().getSimpleName() + ": " + e.getMessage());
                }
            }
        }
        return sent;
    }

    /** Sends the latest complete period of a subscription now (on request), without changing its schedule. */
    public TimeRange sendNow(Subscription s, Instant now) {
        TimeRange range = s.period().ending(s.period().currentEnd(now));
        try {
            send(s, range);
        } catch (io.plantwatch.contracts.api.ApiException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.warnf("report subscription %s: sending on request failed: %s", s.id(), e.getMessage());
            throw io.plantwatch.contracts.api.ApiException.unavailable("the report could not be sent: " + e.getMessage(), 60);
        }
        return range;
    }

    void send(Subscription s, TimeRange range) {
        List<String> devices = selection.resolve(new HashSet<>(s.deviceIds()), s.site(), s.line(), true);
        String what = s.site() != null ? "site " + s.site() + (s.line() == null ? "" : " line " + s.line())
                : devices.size() == 1 ? devices.get(0) : devices.size() + " devices";
        String subject = "PlantWatch " + s.period().name().toLowerCase(Locale.ROOT) + " report - " + what + " - "
                + DAY.format(range.from()) + (s.period() == ReportPeriod.DAILY ? "" : " to " + DAY.format(range.to().minusSeconds(1)));
        String text = "Your " + s.period().name().toLowerCase(Locale.ROOT) + " PlantWatch report for " + what
                + ", from " + range.from() + " to " + range.to() + " (UTC), is attached.\n\n"
                + "Devices: " + String.join(", ", devices) + "\n"
                + "Unsubscribe: DELETE /api/v1/reports/subscriptions/" + s.id() + "\n";
        Path file = null;
        try {
            String extension = s.format() == ReportFormat.PDF ? "pdf" : "csv";
            file = Files.createTempFile("plantwatch-report-", "." + extension);
            try (OutputStream out = Files.newOutputStream(file)) {
                if (s.format() == ReportFormat.PDF) {
                    reports.pdf(new ReportSpec(s.site(), devices, Params.list(s.channels()), range), out);
                } else {
                    exports.readingsCsv(devices, Params.list(s.channels()), range, Resolution.RAW, out);
                }
            }
            mailer.send(Mail.withText(s.email(), subject, text).addAttachment(
                    ExportResource.fileName(s.format() == ReportFormat.PDF ? "report" : "readings", range, extension),
                    file.toFile(), s.format() == ReportFormat.PDF ? "application/pdf" : "text/csv"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    LOG.debugf("could not delete %s: %s", file, e.getMessage());
                }
            }
        }
    }
}
