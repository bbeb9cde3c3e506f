package io.plantwatch.detection.pipeline.service;

import io.plantwatch.detection.configuration.service.ConfigChanged;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Instant;

/** Drives the engine from outside the readings stream: missing-data ticks, snapshots, configuration changes. */
@ApplicationScoped
public class EngineTimers {

    private static final Logger LOG = Logger.getLogger(EngineTimers.class);

    private final DetectionEngine engine;

    public EngineTimers(DetectionEngine engine) {
        this.engine = engine;
    }

    /** Missing data is found by the clock, never by waiting for the next sample. */
    @Scheduled(identity = "detection-missing-data-tick", every = "{plantwatch.detection.tick-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        engine.tick(Instant.now());
    }

    @Scheduled(identity = "detection-snapshots", every = "{plantwatch.detection.snapshot-interval}",
            delayed = "{plantwatch.detection.snapshot-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void snapshot() {
        engine.snapshotChanged();
    }

    void onConfigChanged(@Observes ConfigChanged change) {
        engine.reconfigureLater(change.deviceId());
    }

    void onStop(@Observes ShutdownEvent ignored) {
        try {
            engine.snapshotChanged();
        } catch (RuntimeException e) {
            LOG.warnf("final snapshot at shutdown failed: %s", e.toString());
        }
    }
}
