package io.plantwatch.detection.pipeline.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Live detection settings ({@code plantwatch.detection.*}); detector parameters live in /api/v1/detection/config. */
@ConfigMapping(prefix = "plantwatch.detection")
public interface DetectionConfig {

    /** How often the missing-data check runs: timer-driven, it never waits for a new sample. */
    @WithDefault("5s")
    Duration tickInterval();

    /** How often the state of devices that changed is snapshotted to MongoDB (also on partition revoke and stop). */
    @WithDefault("30s")
    Duration snapshotInterval();

    /** How often configuration overrides written by other instances are reloaded from MongoDB. */
    @WithDefault("5s")
    Duration configRefreshInterval();

    /** Longest wait for the engine thread (a batch with its publishing, a snapshot, a revoke) before failing. */
    @WithDefault("60s")
    Duration engineTimeout();

    /** Most samples in one POST /anomalies/check. */
    @WithDefault("10000")
    int maxCheckSamples();

    /** Most rows in one POST /infer window. */
    @WithDefault("10000")
    int maxInferRows();

    /** Most data rows of one uploaded backtest CSV (bounds the memory a backtest takes). */
    @WithDefault("200000")
    int maxBacktestRows();

    /** Most samples fetched from report-service for a backtest over stored history. */
    @WithDefault("100000")
    int maxHistorySamples();
}
