package io.plantwatch.contracts.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * JAX-RS mappers that give every service the same {@link ApiError} body: bad input becomes a 4xx naming the
 * field, and an unexpected failure a 500 without internals.
 */
public final class ApiErrorMappers {

    private static final Logger LOG = Logger.getLogger(ApiErrorMappers.class);

    private ApiErrorMappers() {
    }

    static Response respond(ApiError error, Long retryAfter) {
        Response.ResponseBuilder builder = Response.status(error.status()).type(MediaType.APPLICATION_JSON).entity(error);
        if (retryAfter != null) {
            builder.header("Retry-After", retryAfter);
        }
        return builder.build();
    }

    @Provider
    public static class ApiExceptionMapper implements ExceptionMapper<ApiException> {
        @Override
        public Response toResponse(ApiException e) {
            return respond(e.toApiError(), e.retryAfterSeconds());
        }
    }

    @Provider
    public static class ConstraintViolationMapper implements ExceptionMapper<ConstraintViolationException> {
        @Override
        public Response toResponse(ConstraintViolationException e) {
            List<ApiError.FieldError> fields = new ArrayList<>();
            for (ConstraintViolation<?> v : e.getConstraintViolations()) {
                fields.add(new ApiError.FieldError(fieldOf(v.getPropertyPath().toString()), v.getMessage()));
            }
            fields.sort(java.util.Comparator.comparing(ApiError.FieldError::field));
            return respond(ApiException.invalid(fields).toApiError(), null);
        }

        /** "register.request.email" → "email": drop the method and parameter names of a resource call. */
        static String fieldOf(String path) {
            String[] parts = path.split("\\.");
            return parts.length > 2 ? String.join(".", java.util.Arrays.copyOfRange(parts, 2, parts.length))
                    : parts[parts.length - 1];
        }
    }

    @Provider
    public static class JsonErrorMapper implements ExceptionMapper<JsonProcessingException> {
        @Override
        public Response toResponse(JsonProcessingException e) {
            String field = "body";
            if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
                StringBuilder path = new StringBuilder();
                for (JsonMappingException.Reference ref : mapping.getPath()) {
                    if (ref.getFieldName() != null) {
                        path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
                    } else if (ref.getIndex() >= 0) {
                        path.append('[').append(ref.getIndex()).append(']');
                    }
                }
                field = path.toString();
            }
            String message = e.getOriginalMessage() == null ? "is not valid JSON"
                    : e.getOriginalMessage().split("\n")[0];
            return respond(ApiException.invalid(field, message.toLowerCase(Locale.ROOT).startsWith("unexpected")
                    ? "is not valid JSON: " + message : message).toApiError(), null);
        }
    }

    /** Overrides Quarkus REST's built-in mapper, which answers a bare 400 without naming the field. */
    @Provider
    public static class MismatchedInputMapper
            implements ExceptionMapper<com.fasterxml.jackson.databind.exc.MismatchedInputException> {
        @Override
        public Response toResponse(com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
            return new JsonErrorMapper().toResponse(e);
        }
    }

    @Provider
    public static class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (status == 400 && e.getCause() instanceof JsonProcessingException json) {
                return new JsonErrorMapper().toResponse(json);
            }
            String error = switch (status) {
                case 400 -> "bad-request";
                case 401 -> "unauthorized";
                case 403 -> "forbidden";
                case 404 -> "not-found";
                case 405 -> "method-not-allowed";
                case 406 -> "not-acceptable";
                case 413 -> "payload-too-large";
                case 415 -> "unsupported-media-type";
                default -> status >= 500 ? "server-error" : "client-error";
            };
            String message = e.getMessage() == null || e.getMessage().startsWith("HTTP ") ? defaultMessage(status)
                    : e.getMessage();
            return respond(new ApiError(status, error, message, List.of()), null);
        }

        private static String defaultMessage(int status) {
            return switch (status) {
                case 401 -> "a valid bearer token is required";
                case 403 -> "your role does not allow this";
                case 404 -> "no such resource";
                case 405 -> "method not allowed on this resource";
                case 415 -> "unsupported content type: send application/json";
                default -> "request failed with HTTP " + status;
            };
        }
    }

    @Provider
    public static class UnexpectedErrorMapper implements ExceptionMapper<RuntimeException> {
        @Override
        public Response toResponse(RuntimeException e) {
            if (e instanceof WebApplicationException w) {
                return new WebApplicationExceptionMapper().toResponse(w);
            }
            if (e instanceof ApiException a) {
                return new ApiExceptionMapper().toResponse(a);
            }
            LOG.error("unexpected error", e);
            return respond(new ApiError(500, "server-error", "internal error; see the service log", List.of()), null);
        }
    }
}
