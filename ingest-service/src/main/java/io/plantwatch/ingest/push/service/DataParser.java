package io.plantwatch.ingest.push.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plantwatch.contracts.api.ApiError.FieldError;
import io.plantwatch.contracts.api.ApiException;
import io.plantwatch.ingest.reading.service.Sample;
import io.plantwatch.ingest.reading.service.SampleBatch;
import io.plantwatch.ingest.reading.service.SampleValidator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the seed-compatible single sample of {@code POST /api/v1/data}, in either form:
 * <ul>
 *   <li>{@code {"deviceId":"pump-1","ts":"2026-11-23T08:00:00Z","values":{"pressure":2.1,"flow":40}}}</li>
 *   <li>{@code {"deviceId":"pump-1","channel":"pressure","value":2.1,"ts":"2026-11-23T08:00:00Z"}}</li>
 * </ul>
 * "ts" may be left out (server time is used) and "id" may carry the device's sample id.
 */
public final class DataParser {

    private final SampleValidator validator;

    public DataParser(SampleValidator validator) {
        this.validator = validator;
    }

    public SampleBatch parse(byte[] body, Instant now) {
        JsonNode root = BatchParser.readJson(body, "a JSON object with deviceId and values (or channel and value)");
        List<FieldError> errors = new ArrayList<>();
        String deviceId = BatchParser.deviceId(root.get("deviceId"), errors);
        Sample sample;
        if (root.has("values")) {
            for (String flatOnly : List.of("channel", "value")) {
                if (root.has(flatOnly)) {
                    errors.add(new FieldError(flatOnly, "cannot be combined with values"));
                }
            }
            sample = validator.validate(root, "", now, now, errors);
        } else if (root.has("channel") || root.has("value")) {
            sample = flat((ObjectNode) root, now, errors);
        } else {
            errors.add(new FieldError("values", "is required (or channel and value)"));
            sample = null;
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return new SampleBatch(deviceId, List.of(sample));
    }

    private Sample flat(ObjectNode root, Instant now, List<FieldError> errors) {
        JsonNode channel = root.get("channel");
        if (channel == null || !channel.isTextual() || !SampleValidator.NAME.matcher(channel.asText()).matches()) {
            errors.add(new FieldError("channel", "must be a channel name (letters, digits, '.', '_', ':' or '-', at most 64)"));
        }
        JsonNode value = root.get("value");
        if (value == null || value.isNull()) {
            errors.add(new FieldError("value", "is required"));
        }
        if (!errors.isEmpty()) {
            return null;
        }
        ObjectNode sample = root.objectNode();
        if (root.has("ts")) {
            sample.set("ts", root.get("ts"));
        }
        if (root.has("id")) {
            sample.set("id", root.get("id"));
        }
        sample.putObject("values").set(channel.asText(), value);
        List<FieldError> sampleErrors = new ArrayList<>();
        Sample s = validator.validate(sample, "", now, now, sampleErrors);
        String valuesPrefix = "values.";
        for (FieldError e : sampleErrors) {
            errors.add(e.field().startsWith(valuesPrefix) ? new FieldError("value", e.message()) : e);
        }
        return s;
    }
}
