package io.plantwatch.gateway.routing.web;

/** A streamed (chunked) request body grew past the gateway's limit. */
public class BodyTooLargeException extends RuntimeException {

    public BodyTooLargeException(long limit) {
        super("The request body is larger than the limit of " + limit + " bytes.", null, false, false);
    }
}
