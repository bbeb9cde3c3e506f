package io.plantwatch.ingest.plc.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Polling of PLCs through PLC4X ({@code plantwatch.plc.*}). */
@ConfigMapping(prefix = "plantwatch.plc")
public interface PlcConfig {

    /** Longest wait for one read of all of a device's tags. */
    @WithDefault("PT3S")
    Duration requestTimeout();

    /** Consecutive failed polls after which the device is marked offline. */
    @WithDefault("3")
    int offlineAfterFailures();

    /** First wait before reconnecting after a failure; doubles up to reconnect-max. */
    @WithDefault("PT1S")
    Duration reconnectMin();

    /** Longest wait between reconnect attempts. */
    @WithDefault("PT30S")
    Duration reconnectMax();

    /** Threads that run the polls of all devices (polls are short; waits are bounded by request-timeout). */
    @WithDefault("4")
    int threads();
}
