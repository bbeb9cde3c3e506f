package io.plantwatch.ingest.reading.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Limits and behaviour of what ingest accepts ({@code plantwatch.ingest.*}). */
@ConfigMapping(prefix = "plantwatch.ingest")
public interface IngestConfig {

    /** How far a sample's timestamp may lie ahead of the server clock. */
    @WithDefault("PT5M")
    Duration maxFutureSkew();

    /** How old a sample may be (late data from buffers is fine, a wrong clock is not). */
    @WithDefault("P7D")
    Duration maxPastAge();

    /** Most samples in one HTTP batch. */
    @WithDefault("5000")
    int maxSamplesPerBatch();

    /** Most channels in one sample. */
    @WithDefault("256")
    int maxChannelsPerSample();

    /** Largest HTTP push body in bytes; larger ones get 413 (quarkus.http.limits.max-body-size is the hard cap). */
    @WithDefault("4194304")
    int maxBodyBytes();

    /** How long an HTTP push waits for Kafka to confirm before answering 503. */
    @WithDefault("PT10S")
    Duration publishTimeout();

    /** Accept data of unknown devices and channels by registering them (off in production). */
    @WithDefault("false")
    boolean discovery();

    /** Site given to devices that discovery mode registers. */
    @WithDefault("unassigned")
    String discoverySite();

    /** Readings handed to Kafka but not yet confirmed, at most; when full, HTTP answers 503 and MQTT waits. */
    @WithDefault("100000")
    int bufferCapacity();

    /** Sample ids remembered per device to reject replays. */
    @WithDefault("10000")
    int recentSampleIds();

    /** A device that sent nothing for this many expected periods is offline. */
    @WithDefault("3")
    int offlineAfterPeriods();

    /** A device not heard from since tracking began (ingest start, registration) is offline only after at least this. */
    @WithDefault("30s")
    Duration firstSampleGrace();
}
