package io.plantwatch.ingest.reading.service;

import java.util.List;

/**
 * A payload of an unattended protocol (MQTT, serial) that cannot become a reading: the only exception the
 * payload parsers throw. It becomes a dead-letter record with {@link #reason()}.
 */
public final class RejectedPayload extends RuntimeException {

    public static final String INVALID_PAYLOAD = "invalid-payload";
    public static final String INVALID_TOPIC = "invalid-topic";
    public static final String OVERSIZED = "oversized-payload";
    public static final String NON_FINITE = "non-finite-value";
    public static final String BAD_TIMESTAMP = "bad-timestamp";

    private final String reason;
    private final String deviceId;
    private final List<String> errors;

    public RejectedPayload(String reason, String deviceId, List<String> errors) {
        super(reason + ": " + String.join("; ", errors), null, false, false);
        this.reason = reason;
        this.deviceId = deviceId;
        this.errors = List.copyOf(errors);
    }

    /** Short machine-readable reason, e.g. "invalid-payload", "non-finite-value". */
    public String reason() {
        return reason;
    }

    /** The device, or null when it could not be read. */
    public String deviceId() {
        return deviceId;
    }

    public List<String> errors() {
        return errors;
    }

    /** Maps validation messages of {@link SampleValidator} to the most telling reason. */
    public static RejectedPayload of(String deviceId, List<io.plantwatch.contracts.api.ApiError.FieldError> fields) {
        String reason = INVALID_PAYLOAD;
        for (var f : fields) {
            if (f.message().startsWith("must be a finite number")) {
                reason = NON_FINITE;
                break;
            }
            if (f.field().endsWith("ts")) {
                reason = BAD_TIMESTAMP;
            }
        }
        return new RejectedPayload(reason, deviceId, fields.stream().map(f -> f.field() + " " + f.message()).toList());
    }
}
