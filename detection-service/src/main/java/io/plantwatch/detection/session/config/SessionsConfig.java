package io.plantwatch.detection.session.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Detection sessions and their evaluation log ({@code plantwatch.sessions.*}). */
@ConfigMapping(prefix = "plantwatch.sessions")
public interface SessionsConfig {

    /** Log one evaluation in this many (readings with anomalies are always logged): bounds the log's growth rate. */
    @WithDefault("10")
    int logEvery();

    /** Log entries older than this are removed by MongoDB (TTL index): bounds the log's size. */
    @WithDefault("7d")
    Duration logRetention();

    /** Most log entries waiting for the next flush; beyond it entries are dropped and counted. */
    @WithDefault("10000")
    int maxPendingLogs();

    /** How often counters and log entries are written to MongoDB, and other instances' sessions read. */
    @WithDefault("2s")
    Duration flushInterval();
}
