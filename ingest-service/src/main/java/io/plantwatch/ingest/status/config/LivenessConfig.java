package io.plantwatch.ingest.status.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * Liveness across ingest instances: every instance consumes plant.readings in one consumer group (key and headers
 * only), and times out only the devices of the partitions it owns.
 */
@ConfigMapping(prefix = "plantwatch.liveness")
public interface LivenessConfig {

    /** Consumer group shared by every ingest instance; one owner per plant.readings partition decides online/offline. */
    @WithDefault("ingest-liveness")
    String group();

    /** On taking over a partition, readings of this recent window are read again so that none produced during the move is missed. */
    @WithDefault("10s")
    Duration replayOnAssignment();

    /** Longest wait of one poll; also the pace at which a stopping consumer notices. */
    @WithDefault("500ms")
    Duration pollTimeout();
}
