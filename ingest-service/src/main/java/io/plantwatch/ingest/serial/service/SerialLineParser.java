package io.plantwatch.ingest.serial.service;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.plantwatch.contracts.api.ApiError.FieldError;
import io.plantwatch.ingest.reading.service.RejectedPayload;
import io.plantwatch.ingest.reading.service.Sample;
import io.plantwatch.ingest.reading.service.SampleValidator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one line from a serial device: the line protocol {@code voltage:229.8,current:1.23} (what the shipped
 * Arduino sketch prints), or a JSON line, either a sample {@code {"values":{…},"ts":…}} or a flat object
 * {@code {"voltage":229.8}}. Blank lines and lines starting with '#' (boot banners, debug output) carry no data.
 * Anything else throws {@link RejectedPayload}, never another exception.
 */
public final class SerialLineParser {

    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    private final SampleValidator validator;
    private final int maxChannels;

    public SerialLineParser(SampleValidator validator, int maxChannels) {
        this.validator = validator;
        this.maxChannels = maxChannels;
    }

    /** The sample of {@code line}, or null for a line without data. */
    public Sample parse(String deviceId, String line, Instant now) {
        String text = line.strip();
        if (text.isEmpty() || text.startsWith("#")) {
            return null;
        }
        if (text.startsWith("{")) {
            return json(deviceId, text, now);
        }
        Map<String, Double> values = new LinkedHashMap<>();
        List<String> errors = new ArrayList<>();
        String[] pairs = text.split(",", -1);
        if (pairs.length > maxChannels) {
            throw new RejectedPayload(RejectedPayload.INVALID_PAYLOAD, deviceId,
                    List.of("line has " + pairs.length + " values; at most " + maxChannels));
        }
        String reason = RejectedPayload.INVALID_PAYLOAD;
        for (String pair : pairs) {
            int colon = pair.indexOf(':');
            if (colon < 0) {
                errors.add("'" + abbreviate(pair.strip()) + "' is not name:value");
                continue;
            }
            String name = pair.substring(0, colon).strip();
            String raw = pair.substring(colon + 1).strip();
            if (!SampleValidator.NAME.matcher(name).matches()) {
                errors.add("'" + abbreviate(name) + "' is not a channel name");
                continue;
            }
            double value;
            try {
                value = Double.parseDouble(raw);
            } catch (NumberFormatException e) {
                errors.add(name + ": '" + abbreviate(raw) + "' is not a number");
                continue;
            }
            if (!Double.isFinite(value)) {
                errors.add(name + " must be a finite number, got " + raw);
                reason = RejectedPayload.NON_FINITE;
                continue;
            }
            if (values.put(name, value) != null) {
                errors.add(name + " appears twice");
            }
        }
        if (!errors.isEmpty()) {
            throw new RejectedPayload(reason, deviceId, errors);
        }
        return new Sample(null, now, values);
    }

    private Sample json(String deviceId, String text, Instant now) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (Exception e) {
            throw new RejectedPayload(RejectedPayload.INVALID_PAYLOAD, deviceId, List.of("line is not valid JSON"));
        }
        List<FieldError> errors = new ArrayList<>();
        Sample s = node != null && node.has("values") ? validator.validate(node, "", now, now, errors)
                : validator.validateFlat(node, "", now, now, errors);
        if (s == null) {
            throw RejectedPayload.of(deviceId, errors);
        }
        return s;
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
