package io.plantwatch.ingest.serial.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Serial devices read with jSerialComm ({@code plantwatch.serial.*}). */
@ConfigMapping(prefix = "plantwatch.serial")
public interface SerialConfig {

    /** First wait before re-opening a port that is gone (unplugged); doubles up to reopen-max. */
    @WithDefault("PT0.5S")
    Duration reopenMin();

    /** Longest wait between attempts to re-open a port. */
    @WithDefault("PT5S")
    Duration reopenMax();

    /** Longest line; longer ones are dead-lettered as oversized. */
    @WithDefault("1024")
    int maxLineBytes();
}
