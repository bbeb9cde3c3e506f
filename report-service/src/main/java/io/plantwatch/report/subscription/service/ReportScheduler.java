package io.plantwatch.report.subscription.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/** Looks for due report deliveries on a timer ({@code plantwatch.report.schedule.check-every}). */
@ApplicationScoped
public class ReportScheduler {

    private final ReportDelivery delivery;

    public ReportScheduler(ReportDelivery delivery) {
        this.delivery = delivery;
    }

    @Scheduled(every = "${plantwatch.report.schedule.check-every:5m}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void check() {
        delivery.runDue(Instant.now());
    }
}
