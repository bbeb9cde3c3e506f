package io.plantwatch.contracts.api;

import java.util.List;

/** An error to answer with {@link ApiError}: thrown by services, mapped to a response by {@link ApiErrorMappers}. */
public class ApiException extends RuntimeException {

    private final int status;
    private final String error;
    private final List<ApiError.FieldError> fields;
    private final Long retryAfterSeconds;

    public ApiException(int status, String error, String message, List<ApiError.FieldError> fields, Long retryAfterSeconds) {
        super(message);
        this.status = status;
        this.error = error;
        this.fields = fields == null ? List.of() : List.copyOf(fields);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ApiException invalid(List<ApiError.FieldError> fields) {
        String message = fields.size() == 1 ? fields.get(0).field() + " " + fields.get(0).message()
                : fields.size() + " fields are invalid";
        return new ApiException(400, "validation", message, fields, null);
    }

    public static ApiException invalid(String field, String message) {
        return invalid(List.of(new ApiError.FieldError(field, message)));
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, "not-found", what + " not found", List.of(), null);
    }

    public static ApiException conflict(String message) {
        return new ApiException(409, "conflict", message, List.of(), null);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, "forbidden", message, List.of(), null);
    }

    public static ApiException unauthorized(String message) {
        return new ApiException(401, "unauthorized", message, List.of(), null);
    }

    public static ApiException tooManyRequests(String message, long retryAfterSeconds) {
        return new ApiException(429, "too-many-requests", message, List.of(), retryAfterSeconds);
    }

    public static ApiException unavailable(String message, long retryAfterSeconds) {
        return new ApiException(503, "unavailable", message, List.of(), retryAfterSeconds);
    }

    public static ApiException payloadTooLarge(String message) {
        return new ApiException(413, "payload-too-large", message, List.of(), null);
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    public List<ApiError.FieldError> fields() {
        return fields;
    }

    /** Seconds to put in Retry-After, or null. */
    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public ApiError toApiError() {
        return new ApiError(status, error, getMessage(), fields);
    }
}
