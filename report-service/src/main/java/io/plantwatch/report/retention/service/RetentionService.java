package io.plantwatch.report.retention.service;

import io.plantwatch.report.alarm.repository.AlarmStore;
import io.plantwatch.report.anomaly.repository.AnomalyStore;
import io.plantwatch.report.config.ReportConfig;
import io.plantwatch.report.reading.model.BucketKeys;
import io.plantwatch.report.reading.repository.RawBucketStore;
import io.plantwatch.report.reading.repository.RollupStore;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;

/**
 * Retention per resolution: deletes raw hour buckets, minute rollups, hour rollups, anomalies and cleared alarms
 * older than their configured age. Scheduled here because TTL indexes cannot be relied on (the MongoDB wire server
 * used locally has none); a document is removed only once its whole slot is past the cutoff.
 */
@ApplicationScoped
public class RetentionService {

    private static final Logger LOG = Logger.getLogger(RetentionService.class);

    private final RawBucketStore raw;
    private final RollupStore rollups;
    private final AnomalyStore anomalies;
    private final AlarmStore alarms;
    private final ReportConfig config;

    public RetentionService(RawBucketStore raw, RollupStore rollups, AnomalyStore anomalies, AlarmStore alarms,
            ReportConfig config) {
        this.raw = raw;
        this.rollups = rollups;
        this.anomalies = anomalies;
        this.alarms = alarms;
        this.config = config;
    }

    /** What one purge removed. */
    public record Purged(long rawHours, long minuteHours, long hourDays, long anomalies, long alarms) {
    }

    @Scheduled(every = "${plantwatch.report.retention.every:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        Purged purged = purge(Instant.now());
        LOG.debugf("retention: %s", purged);
    }

    public Purged purge(Instant now) {
        ReportConfig.Retention r = config.retention();
        // a bucket document starting before (cutoff - its span) holds nothing newer than the cutoff
        Instant rawCutoff = now.minus(r.raw()).minusMillis(BucketKeys.HOUR_MS);
        Instant minuteCutoff = now.minus(r.minute()).minusMillis(BucketKeys.HOUR_MS);
        Instant hourCutoff = now.minus(r.hour()).minusMillis(BucketKeys.DAY_MS);
        return new Purged(raw.deleteBefore(rawCutoff), rollups.deleteMinutesBefore(minuteCutoff),
                rollups.deleteHoursBefore(hourCutoff), anomalies.deleteBefore(now.minus(r.anomalies())),
                alarms.deleteClearedBefore(now.minus(r.alarms())));
    }
}
