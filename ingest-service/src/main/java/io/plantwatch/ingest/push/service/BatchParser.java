package io.plantwatch.ingest.push.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.plantwatch.contracts.api.ApiError.FieldError;
import io.plantwatch.contracts.api.ApiException;
import io.plantwatch.ingest.reading.service.Sample;
import io.plantwatch.ingest.reading.service.SampleBatch;
import io.plantwatch.ingest.reading.service.SampleValidator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Parses an HTTP batch {@code {"deviceId":"pump-1","samples":[{"ts":"…","values":{"pressure":2.1}}]}} and
 * validates all of it before anything is published: one bad sample rejects the batch, with every bad field named.
 */
public final class BatchParser {

    /** NaN and Infinity literals parse, so that they are reported as the field's problem, not as broken JSON. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    private final SampleValidator validator;
    private final int maxSamples;

    public BatchParser(SampleValidator validator, int maxSamples) {
        this.validator = validator;
        this.maxSamples = maxSamples;
    }

    public SampleBatch parse(byte[] body, Instant now) {
        JsonNode root = readJson(body, "a JSON object with deviceId and samples");
        List<FieldError> errors = new ArrayList<>();
        String deviceId = deviceId(root.get("deviceId"), errors);
        JsonNode samples = root.get("samples");
        List<Sample> parsed = new ArrayList<>();
        if (samples == null || !samples.isArray() || samples.isEmpty()) {
            errors.add(new FieldError("samples", "must be a non-empty array"));
        } else if (samples.size() > maxSamples) {
            errors.add(new FieldError("samples", "has " + samples.size() + " samples; at most " + maxSamples + " per batch"));
        } else {
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < samples.size(); i++) {
                Sample s = validator.validate(samples.get(i), "samples[" + i + "]", now, errors);
                if (s != null && s.sampleId() != null && !ids.add(s.sampleId())) {
                    errors.add(new FieldError("samples[" + i + "].id", "duplicates an earlier sample id in this batch"));
                }
                parsed.add(s);
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return new SampleBatch(deviceId, List.copyOf(parsed));
    }

    /** The body as a JSON object, or 400 on "body". NaN/Infinity literals parse, to be named as the field's problem. */
    static JsonNode readJson(byte[] body, String expected) {
        if (body == null || body.length == 0) {
            throw ApiException.invalid("body", "is required");
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            String message = e.getOriginalMessage() == null ? "syntax error" : e.getOriginalMessage().split("\n")[0];
            throw ApiException.invalid("body", "is not valid JSON: " + (message.length() > 200 ? message.substring(0, 200) + "…" : message));
        } catch (java.io.IOException | RuntimeException e) {
            throw ApiException.invalid("body", "cannot be read as JSON");
        }
        if (root == null || !root.isObject()) {
            throw ApiException.invalid("body", "must be " + expected);
        }
        return root;
    }

    static String deviceId(JsonNode node, List<FieldError> errors) {
        if (node == null || node.isNull() || (node.isTextual() && node.asText().isBlank())) {
            errors.add(new FieldError("deviceId", "is required"));
            return null;
        }
        if (!node.isTextual() || !SampleValidator.NAME.matcher(node.asText()).matches()) {
            errors.add(new FieldError("deviceId", "must be 1-64 letters, digits, '.', '_', ':' or '-'"));
            return null;
        }
        return node.asText();
    }
}
