package io.plantwatch.report.subscription.service;

import io.plantwatch.report.common.TimeRange;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;

/** How often a subscription delivers: the last complete UTC day, or the last complete week (Monday to Monday). */
public enum ReportPeriod {
    DAILY, WEEKLY;

    /** End of the latest complete period at {@code now}. */
    public Instant currentEnd(Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate end = this == DAILY ? today : today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        return end.atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    public Duration length() {
        return this == DAILY ? Duration.ofDays(1) : Duration.ofDays(7);
    }

    /** The period that ends at {@code end}. */
    public TimeRange ending(Instant end) {
        return new TimeRange(end.minus(length()), end);
    }
}
