package io.plantwatch.gateway.edge.web;

import io.plantwatch.contracts.api.ApiError;
import io.plantwatch.contracts.json.EventJson;
import io.vertx.core.http.HttpServerResponse;

import java.util.List;

/** Writes the gateway's own answers in the one API error form ({@link ApiError}). */
public final class ErrorReplies {

    private ErrorReplies() {
    }

    public static void send(HttpServerResponse response, int status, String error, String message) {
        send(response, status, error, message, 0);
    }

    /** With {@code retryAfterSeconds > 0} the answer carries a Retry-After header. */
    public static void send(HttpServerResponse response, int status, String error, String message,
            long retryAfterSeconds) {
        if (response.ended() || response.headWritten()) {
            // the service's answer had begun: all that is left is to cut the connection so the caller notices
            if (!response.ended()) {
                response.reset();
            }
            return;
        }
        response.setStatusCode(status).putHeader("Content-Type", "application/json");
        if (retryAfterSeconds > 0) {
            response.putHeader("Retry-After", Long.toString(retryAfterSeconds));
        }
        response.end(EventJson.toJson(new ApiError(status, error, message, List.of())));
    }
}
