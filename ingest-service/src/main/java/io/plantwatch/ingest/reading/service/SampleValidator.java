package io.plantwatch.ingest.reading.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.plantwatch.contracts.api.ApiError.FieldError;

import java.time.Duration;
import java.time.Instant;
import java.time.DateTimeException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks one JSON sample ({@code {"ts":"…","values":{"ch":1.0},"id":"…"}}) and collects every problem with
 * its JSON path, so a caller learns all that is wrong in one answer. Shared by every push protocol.
 */
public final class SampleValidator {

    /** Device and channel names: what a topic segment, a URL segment and a MongoDB key can all hold. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");

    private final Duration maxFutureSkew;
    private final Duration maxPastAge;
    private final int maxChannels;

    public SampleValidator(Duration maxFutureSkew, Duration maxPastAge, int maxChannels) {
        this.maxFutureSkew = maxFutureSkew;
        this.maxPastAge = maxPastAge;
        this.maxChannels = maxChannels;
    }

    /** The sample, or null with {@code errors} filled. {@code path} prefixes field names, e.g. "samples[3]". */
    public Sample validate(JsonNode node, String path, Instant now, List<FieldError> errors) {
        return validate(node, path, now, null, errors);
    }

    /** As {@link #validate(JsonNode, String, Instant, List)}; a missing ts becomes {@code whenMissing} if that is not null. */
    public Sample validate(JsonNode node, String path, Instant now, Instant whenMissing, List<FieldError> errors) {
        int before = errors.size();
        if (node == null || !node.isObject()) {
            errors.add(new FieldError(path.isEmpty() ? "body" : path, "must be an object"));
            return null;
        }
        String prefix = path.isEmpty() ? "" : path + ".";
        JsonNode tsNode = node.get("ts");
        Instant ts = whenMissing != null && (tsNode == null || tsNode.isNull()) ? whenMissing
                : timestamp(tsNode, prefix + "ts", now, errors);
        String sampleId = null;
        JsonNode id = node.get("id");
        if (id != null && !id.isNull()) {
            if (!id.isTextual() && !id.isIntegralNumber() || id.asText().isEmpty() || id.asText().length() > 128) {
                errors.add(new FieldError(prefix + "id", "must be a string or integer of 1-128 characters"));
            } else {
                sampleId = id.asText();
            }
        }
        Map<String, Double> values = values(node.get("values"), prefix + "values", errors);
        return errors.size() == before ? new Sample(sampleId, ts, values) : null;
    }

    /**
     * A flat object of channel → number ({@code {"voltage":229.8,"current":1.23}}, what small devices send), with
     * optional "ts" and "id" members; {@code ts} when the object has none.
     */
    public Sample validateFlat(JsonNode node, String path, Instant now, Instant whenMissing, List<FieldError> errors) {
        int before = errors.size();
        if (node == null || !node.isObject()) {
            errors.add(new FieldError(path.isEmpty() ? "body" : path, "must be an object"));
            return null;
        }
        com.fasterxml.jackson.databind.node.ObjectNode values = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        node.fields().forEachRemaining(e -> {
            if (!e.getKey().equals("ts") && !e.getKey().equals("id") && !e.getKey().equals("deviceId")) {
                values.set(e.getKey(), e.getValue());
            }
        });
        com.fasterxml.jackson.databind.node.ObjectNode sample = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        if (node.has("ts")) {
            sample.set("ts", node.get("ts"));
        }
        if (node.has("id")) {
            sample.set("id", node.get("id"));
        }
        sample.set("values", values);
        Sample s = validate(sample, path, now, whenMissing, errors);
        return errors.size() == before ? s : null;
    }

    private Instant timestamp(JsonNode node, String field, Instant now, List<FieldError> errors) {
        if (node == null || node.isNull()) {
            errors.add(new FieldError(field, "is required (ISO-8601, e.g. 2026-11-23T08:00:00Z, or epoch milliseconds)"));
            return null;
        }
        Instant ts;
        try {
            if (node.isIntegralNumber()) {
                ts = Instant.ofEpochMilli(node.asLong());
            } else if (node.isTextual()) {
                ts = Instant.parse(node.asText());
            } else {
                errors.add(new FieldError(field, "must be an ISO-8601 string or epoch milliseconds"));
                return null;
            }
        } catch (DateTimeException | ArithmeticException e) {
            errors.add(new FieldError(field, "is not a valid timestamp: '" + abbreviate(node.asText()) + "'"));
            return null;
        }
        if (ts.isAfter(now.plus(maxFutureSkew))) {
            errors.add(new FieldError(field, "is more than " + human(maxFutureSkew) + " in the future"));
            return null;
        }
        if (ts.isBefore(now.minus(maxPastAge))) {
            errors.add(new FieldError(field, "is more than " + human(maxPastAge) + " in the past"));
            return null;
        }
        return ts;
    }

    private Map<String, Double> values(JsonNode node, String field, List<FieldError> errors) {
        if (node == null || !node.isObject() || node.isEmpty()) {
            errors.add(new FieldError(field, "must be a non-empty object of channel → number"));
            return Map.of();
        }
        if (node.size() > maxChannels) {
            errors.add(new FieldError(field, "has " + node.size() + " channels; at most " + maxChannels + " allowed"));
            return Map.of();
        }
        Map<String, Double> values = new HashMap<>(node.size() * 2);
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            String channelField = field + "." + e.getKey();
            if (!NAME.matcher(e.getKey()).matches()) {
                errors.add(new FieldError(field + "['" + abbreviate(e.getKey()) + "']",
                        "is not a valid channel name (letters, digits, '.', '_', ':' or '-', at most 64)"));
                continue;
            }
            JsonNode v = e.getValue();
            if (!v.isNumber()) {
                errors.add(new FieldError(channelField, "must be a number"));
                continue;
            }
            double d = v.asDouble();
            if (!Double.isFinite(d)) {
                errors.add(new FieldError(channelField, "must be a finite number, got " + d));
                continue;
            }
            values.put(e.getKey(), d);
        }
        return values;
    }

    static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }

    static String human(Duration d) {
        if (d.toDaysPart() > 0 && d.toHoursPart() == 0 && d.toMinutesPart() == 0) {
            return d.toDays() + " days";
        }
        if (d.toMinutes() >= 60 && d.toMinutesPart() == 0) {
            return d.toHours() + " h";
        }
        return d.toMinutes() > 0 ? d.toMinutes() + " min" : d.toSeconds() + " s";
    }
}
