package io.plantwatch.gateway.routing.service;

import io.plantwatch.gateway.routing.config.GatewayConfig;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.vertx.httpproxy.ProxyResponse;
import jakarta.enterprise.util.TypeLiteral;

import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;

/**
 * One SmallRye Fault Tolerance guard per service: a circuit breaker, so that a failing service is answered with 503
 * at once instead of being hammered, around a retry that repeats only calls marked
 * {@link UpstreamFailure#retryable()} (idempotent calls that did not reach the service, or bodiless idempotent
 * calls). The retry wraps the breaker, so every attempt counts towards the breaker and an open breaker is not retried.
 */
public final class UpstreamGuards {

    private static final TypeLiteral<CompletionStage<ProxyResponse>> ASYNC_RESPONSE = new TypeLiteral<>() {
    };

    private final Map<Upstream, TypedGuard<CompletionStage<ProxyResponse>>> guards = new EnumMap<>(Upstream.class);

    public UpstreamGuards(GatewayConfig.Resilience config) {
        for (Upstream upstream : Upstream.values()) {
            guards.put(upstream, TypedGuard.create(ASYNC_RESPONSE)
                    .withDescription("gateway → " + upstream.serviceName())
                    .withThreadOffload(false)
                    .withRetry()
                    .maxRetries(config.maxRetries())
                    .delay(config.retryDelay().toMillis(), ChronoUnit.MILLIS)
                    .jitter(Math.max(1, config.retryDelay().toMillis() / 4), ChronoUnit.MILLIS)
                    .whenException(e -> e instanceof UpstreamFailure f && f.retryable())
                    .beforeRetry(UpstreamGuards::releaseAnswer)
                    .done()
                    .withCircuitBreaker()
                    .name("gateway-" + upstream.name().toLowerCase())
                    .requestVolumeThreshold(config.breakerVolume())
                    .failureRatio(config.breakerFailureRatio())
                    .delay(config.breakerDelay().toMillis(), ChronoUnit.MILLIS)
                    .successThreshold(1)
                    .when(e -> e instanceof UpstreamFailure)
                    .done()
                    .build());
        }
    }

    /** Runs one call to {@code upstream} (each attempt is a fresh {@code attempt.call()}) under its guard. */
    public CompletionStage<ProxyResponse> call(Upstream upstream, Callable<CompletionStage<ProxyResponse>> attempt)
            throws Exception {
        return guards.get(upstream).call(attempt);
    }

    /** A 503 answer that is about to be retried is dropped, so its connection goes back to the pool. */
    private static void releaseAnswer(Throwable failure) {
        if (failure instanceof UpstreamFailure f && f.answer() != null) {
            f.answer().release();
        }
    }
}
