package io.plantwatch.report.subscription.service;

import java.util.List;

/**
 * A new subscription as posted.
 *
 * @param email     where reports go
 * @param format    PDF or CSV
 * @param period    DAILY or WEEKLY
 * @param site      a site (with line optional), or null when deviceIds are given
 * @param deviceIds devices, or empty when a site is given
 * @param channels  channels to include; empty for all
 */
public record SubscriptionRequest(String email, String format, String period, String site, String line,
        List<String> deviceIds, List<String> channels) {
}
