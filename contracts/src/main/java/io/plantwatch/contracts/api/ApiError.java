package io.plantwatch.contracts.api;

import java.util.List;

/**
 * The error body of every PlantWatch endpoint, e.g.
 * {@code {"status":400,"error":"validation","message":"2 fields are invalid","fields":[{"field":"deviceId","message":"is required"}]}}.
 *
 * @param status  HTTP status
 * @param error   short machine-readable code: validation, unauthorized, forbidden, not-found, conflict, ...
 * @param message a sentence for people
 * @param fields  one entry per bad field (empty when the error is not about fields)
 */
public record ApiError(int status, String error, String message, List<FieldError> fields) {

    public ApiError {
        fields = fields == null ? List.of() : List.copyOf(fields);
    }

    /** One invalid field: a JSON path such as {@code samples[2].values.pressure}, and what is wrong with it. */
    public record FieldError(String field, String message) {
    }
}
