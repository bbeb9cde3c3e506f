package io.plantwatch.alert.notification.service;

import io.plantwatch.contracts.event.Severity;

import java.time.Instant;
import java.util.Map;

/**
 * Notification preferences of a user or a site default.
 *
 * @param scope      "user:<username>" or "site:<site>"
 * @param severities what this scope sets itself (severities not listed fall back)
 * @param effective  the result per severity for an alarm without site defaults (user) or for the site (site)
 */
public record Preferences(String scope, Map<Severity, DeliveryMode> severities, Map<Severity, DeliveryMode> effective,
        String updatedBy, Instant updatedAt) {
}
