package io.plantwatch.contracts.event;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Builds {@link DeadLetter} records with a bounded copy of the payload. */
public final class DeadLetters {

    /** Longest payload kept in a dead-letter record, in characters. */
    public static final int MAX_PAYLOAD_CHARS = 8192;

    private DeadLetters() {
    }

    public static DeadLetter of(String deviceId, Source source, String reason, List<String> errors, byte[] payload) {
        String text = payload == null ? null : new String(payload, StandardCharsets.UTF_8);
        return of(deviceId, source, reason, errors, text);
    }

    public static DeadLetter of(String deviceId, Source source, String reason, List<String> errors, String payload) {
        String kept = payload == null || payload.length() <= MAX_PAYLOAD_CHARS ? payload
                : payload.substring(0, MAX_PAYLOAD_CHARS) + "…(truncated)";
        return new DeadLetter(DeadLetter.SCHEMA_VERSION, UUID.randomUUID().toString(),
                deviceId == null || deviceId.isBlank() ? DeadLetter.UNKNOWN_DEVICE : deviceId, source, reason,
                List.copyOf(errors), kept, Instant.now());
    }
}
