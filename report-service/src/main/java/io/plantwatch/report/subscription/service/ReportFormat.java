package io.plantwatch.report.subscription.service;

/** What a subscription delivers. */
public enum ReportFormat {
    PDF, CSV
}
