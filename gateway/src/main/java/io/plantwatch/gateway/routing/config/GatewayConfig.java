package io.plantwatch.gateway.routing.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Where the services are, how long to wait for them and how to protect them ({@code plantwatch.gateway.*}). */
@ConfigMapping(prefix = "plantwatch.gateway")
public interface GatewayConfig {

    /**
     * Base URLs of the services. Each may be a comma-separated list of the instances of the service: calls go to
     * them in turn, and to the next one when an instance cannot be reached.
     */
    Services services();

    /** Time to connect to a service before answering 503. */
    @WithDefault("PT2S")
    Duration connectTimeout();

    /** Longest silence from a service (no header or body byte) before the call fails with 504. */
    @WithDefault("PT30S")
    Duration responseTimeout();

    /** Largest request body forwarded to a service (bytes); larger bodies get 413. */
    @WithDefault("10485760")
    long maxBodySize();

    /** Retries and circuit breaking per service. */
    Resilience resilience();

    interface Services {
        /** auth-service base URL. */
        @WithDefault("http://127.0.0.1:8081")
        String auth();

        /** ingest-service base URL. */
        @WithDefault("http://127.0.0.1:8082")
        String ingest();

        /** detection-service base URL. */
        @WithDefault("http://127.0.0.1:8083")
        String detection();

        /** alert-service base URL. */
        @WithDefault("http://127.0.0.1:8084")
        String alert();

        /** report-service base URL. */
        @WithDefault("http://127.0.0.1:8085")
        String report();
    }

    interface Resilience {
        /** Extra attempts for idempotent calls that failed before the service answered. */
        @WithDefault("2")
        int maxRetries();

        /** Pause between attempts. */
        @WithDefault("PT0.2S")
        Duration retryDelay();

        /** Calls in the rolling window before the breaker may open. */
        @WithDefault("10")
        int breakerVolume();

        /** Share of failed calls in the window that opens the breaker. */
        @WithDefault("0.5")
        double breakerFailureRatio();

        /** How long an open breaker answers 503 at once before it lets a trial call through. */
        @WithDefault("PT5S")
        Duration breakerDelay();
    }
}
