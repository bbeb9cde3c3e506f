package io.plantwatch.report.subscription.service;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/**
 * A user's subscription to a scheduled report.
 *
 * @param lastPeriodEnd end of the latest period delivered (or skipped at creation): the next one is due after it
 * @param lastError     why the latest delivery attempt failed, cleared by the next success
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Subscription(String id, String owner, String email, ReportFormat format, ReportPeriod period, String site,
        String line, List<String> deviceIds, List<String> channels, Instant createdAt, Instant lastPeriodEnd,
        Instant lastSentAt, String lastError) {
}
