package io.plantwatch.report.anomaly.service;

import io.plantwatch.contracts.event.AnomalyType;
import io.plantwatch.contracts.event.Severity;

import java.time.Instant;
import java.util.List;

/**
 * Filters of the anomaly history; empty lists and nulls mean "any".
 *
 * @param sort one of {@link AnomalySort}
 */
public record AnomalyQuery(List<String> deviceIds, String channel, List<AnomalyType> types, List<Severity> severities,
        Severity minSeverity, String detector, Instant from, Instant to, AnomalySort sort) {
}
