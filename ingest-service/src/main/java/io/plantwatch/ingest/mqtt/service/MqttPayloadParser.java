package io.plantwatch.ingest.mqtt.service;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.plantwatch.contracts.api.ApiError.FieldError;
import io.plantwatch.ingest.reading.service.RejectedPayload;
import io.plantwatch.ingest.reading.service.Sample;
import io.plantwatch.ingest.reading.service.SampleValidator;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads device MQTT messages:
 * <ul>
 *   <li>{@code {root}/{deviceId}/telemetry}: a JSON sample {@code {"ts":…,"values":{"voltage":229.8},"id":…}} or a
 *       flat object {@code {"voltage":229.8,"current":1.2}}; "ts" is optional (receive time)</li>
 *   <li>{@code {root}/{deviceId}/telemetry/{channel}}: a bare number, e.g. {@code 229.8}</li>
 *   <li>{@code {root}/{deviceId}/status}: {@code online}/{@code offline} (also 1/0, true/false) or
 *       {@code {"online":false,"reason":"…"}}</li>
 * </ul>
 * Anything else throws {@link RejectedPayload}, never another exception.
 */
public final class MqttPayloadParser {

    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    private final String root;
    private final SampleValidator validator;
    private final int maxPayloadBytes;

    public MqttPayloadParser(String topicRoot, SampleValidator validator, int maxPayloadBytes) {
        this.root = topicRoot.endsWith("/") ? topicRoot : topicRoot + "/";
        this.validator = validator;
        this.maxPayloadBytes = maxPayloadBytes;
    }

    /** What a message says. */
    public sealed interface Message permits Telemetry, Status {
        String deviceId();
    }

    public record Telemetry(String deviceId, Sample sample) implements Message {
    }

    public record Status(String deviceId, boolean online, String reason) implements Message {
    }

    public Message parse(String topic, byte[] payload, Instant now) {
        if (topic == null || !topic.startsWith(root)) {
            throw new RejectedPayload(RejectedPayload.INVALID_TOPIC, null, List.of("topic must start with " + root));
        }
        String[] parts = topic.substring(root.length()).split("/", -1);
        String deviceId = parts[0];
        if (!SampleValidator.NAME.matcher(deviceId).matches()) {
            throw new RejectedPayload(RejectedPayload.INVALID_TOPIC, null, List.of("'" + abbreviate(deviceId) + "' is not a device id"));
        }
        int size = payload == null ? 0 : payload.length;
        if (size > maxPayloadBytes) {
            throw new RejectedPayload(RejectedPayload.OVERSIZED, deviceId,
                    List.of("payload has " + size + " bytes; at most " + maxPayloadBytes));
        }
        if (size == 0) {
            throw new RejectedPayload(RejectedPayload.INVALID_PAYLOAD, deviceId, List.of("payload is empty"));
        }
        if (parts.length == 2 && parts[1].equals("telemetry")) {
            return new Telemetry(deviceId, sample(deviceId, payload, now));
        }
        if (parts.length == 3 && parts[1].equals("telemetry")) {
            return new Telemetry(deviceId, bareNumber(deviceId, parts[2], payload, now));
        }
        if (parts.length == 2 && parts[1].equals("status")) {
            return status(deviceId, payload);
        }
        throw new RejectedPayload(RejectedPayload.INVALID_TOPIC, deviceId,
                List.of("topic must be " + root + "{deviceId}/telemetry, …/telemetry/{channel} or …/status"));
    }

    private Sample sample(String deviceId, byte[] payload, Instant now) {
        JsonNode node = json(deviceId, payload);
        List<FieldError> errors = new ArrayList<>();
        Sample s = node.has("values") ? validator.validate(node, "", now, now, errors)
                : validator.validateFlat(node, "", now, now, errors);
        if (s == null) {
            throw RejectedPayload.of(deviceId, errors);
        }
        return s;
    }

    private Sample bareNumber(String deviceId, String channel, byte[] payload, Instant now) {
        if (!SampleValidator.NAME.matcher(channel).matches()) {
            throw new RejectedPayload(RejectedPayload.INVALID_TOPIC, deviceId, List.of("'" + abbreviate(channel) + "' is not a channel name"));
        }
        String text = new String(payload, StandardCharsets.UTF_8).strip();
        double value;
        try {
            value = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new RejectedPayload(RejectedPayload.INVALID_PAYLOAD, deviceId,
                    List.of(channel + ": '" + abbreviate(text) + "' is not a number"));
        }
        if (!Double.isFinite(value)) {
            throw new RejectedPayload(RejectedPayload.NON_FINITE, deviceId, List.of(channel + " must be a finite number, got " + text));
        }
        return new Sample(null, now, Map.of(channel, value));
    }

    private Status status(String deviceId, byte[] payload) {
        String text = new String(payload, StandardCharsets.UTF_8).strip();
        String word = text.toLowerCase(Locale.ROOT);
        switch (word) {
            case "online", "1", "true", "up" -> {
                return new Status(deviceId, true, "device reported online");
            }
            case "offline", "0", "false", "down" -> {
                return new Status(deviceId, false, "device reported offline");
            }
            default -> {
                // JSON form below
            }
        }
        JsonNode node = json(deviceId, payload);
        JsonNode online = node.get("online");
        JsonNode status = node.get("status");
        Boolean state = online != null && online.isBoolean() ? Boolean.valueOf(online.booleanValue())
                : status != null && status.isTextual() && status.asText().equalsIgnoreCase("online") ? Boolean.TRUE
                : status != null && status.isTextual() && status.asText().equalsIgnoreCase("offline") ? Boolean.FALSE : null;
        if (state == null) {
            throw new RejectedPayload(RejectedPayload.INVALID_PAYLOAD, deviceId,
                    List.of("status must be online/offline or {\"online\":true|false}"));
        }
        JsonNode reason = node.get("reason");
        String why = reason != null && reason.isTextual() ? "device reported: " + abbreviate(reason.asText())
                : "device reported " + (state ? "online" : "offline");
        return new Status(deviceId, state, why);
    }

    private static JsonNode json(String deviceId, byte[] payload) {
        JsonNode node;
        try {
            node = JSON.readTree(payload);
        } catch (Exception e) {
            throw new RejectedPayload(RejectedPayload.INVALID_PAYLOAD, deviceId, List.of("payload is not valid JSON"));
        }
        if (node == null || !node.isObject()) {
            throw new RejectedPayload(RejectedPayload.INVALID_PAYLOAD, deviceId, List.of("payload must be a JSON object"));
        }
        return node;
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
