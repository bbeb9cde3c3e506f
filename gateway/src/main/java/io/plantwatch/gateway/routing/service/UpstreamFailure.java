package io.plantwatch.gateway.routing.service;

import io.vertx.httpproxy.ProxyResponse;

/**
 * Why a call to a service failed before the gateway could pass an answer on. {@link #retryable()} is decided where
 * the failure happens: only when repeating the call cannot repeat its effect (the request never reached the service,
 * or it is an idempotent call without a body).
 */
public class UpstreamFailure extends RuntimeException {

    /** What went wrong, in the terms of the answer the caller gets. */
    public enum Kind {
        /** No connection could be made: the service is down or restarting. */
        UNREACHABLE,
        /** The service stayed silent longer than the response timeout. */
        TIMEOUT,
        /** The connection broke while the call was in flight. */
        BROKEN,
        /** The service itself answered 502/503/504. */
        UNAVAILABLE_ANSWER
    }

    private final Upstream upstream;
    private final Kind kind;
    private final boolean retryable;
    private final transient ProxyResponse answer;

    public UpstreamFailure(Upstream upstream, Kind kind, boolean retryable, Throwable cause, ProxyResponse answer) {
        super(upstream.serviceName() + ": " + kind + (cause == null ? "" : " (" + cause.getMessage() + ")"), cause, false,
                false);
        this.upstream = upstream;
        this.kind = kind;
        this.retryable = retryable;
        this.answer = answer;
    }

    public Upstream upstream() {
        return upstream;
    }

    public Kind kind() {
        return kind;
    }

    public boolean retryable() {
        return retryable;
    }

    /** The service's own 502/503/504 answer, for {@link Kind#UNAVAILABLE_ANSWER}; null otherwise. */
    public ProxyResponse answer() {
        return answer;
    }
}
