package io.plantwatch.detection.backtest.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.plantwatch.detection.backtest.Sample;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads report-service's series answer into backtest samples: a list of points {@code {"ts", "values":{channel:
 * number}}} (also accepted: the list under {@code points}/{@code series}/{@code data}, and per-channel aggregates
 * {@code {"avg"|"mean"|"value": x}}). Points come out in time order, one per timestamp.
 */
public final class SeriesSamples {

    private SeriesSamples() {
    }

    public static List<Sample> parse(JsonNode body) {
        JsonNode points = body;
        if (body != null && body.isObject()) {
            for (String k : List.of("points", "series", "data", "samples")) {
                if (body.path(k).isArray()) {
                    points = body.get(k);
                    break;
                }
            }
        }
        if (points == null || !points.isArray()) {
            throw new IllegalArgumentException("report-service answered without a list of points");
        }
        List<Sample> out = new ArrayList<>(points.size());
        for (JsonNode p : points) {
            JsonNode ts = p.has("ts") ? p.get("ts") : p.get("timestamp");
            JsonNode values = p.get("values");
            if (ts == null || !ts.isTextual() || values == null || !values.isObject()) {
                throw new IllegalArgumentException("report-service point without ts and values: " + abbreviate(p));
            }
            Instant t;
            try {
                t = Instant.parse(ts.asText());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("report-service point with a bad ts: " + ts.asText());
            }
            Map<String, Double> v = new LinkedHashMap<>();
            values.fields().forEachRemaining(e -> {
                JsonNode x = e.getValue();
                if (x.isObject()) {
                    x = x.has("avg") ? x.get("avg") : x.has("mean") ? x.get("mean") : x.get("value");
                }
                if (x != null && x.isNumber()) {
                    v.put(e.getKey(), x.asDouble());
                }
            });
            out.add(new Sample(t.toString(), t, v));
        }
        out.sort(Comparator.comparing(Sample::ts));
        List<Sample> unique = new ArrayList<>(out.size());
        for (Sample s : out) {
            if (unique.isEmpty() || s.ts().isAfter(unique.get(unique.size() - 1).ts())) {
                unique.add(s);
            }
        }
        return unique;
    }

    private static String abbreviate(JsonNode p) {
        String s = String.valueOf(p);
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
