package io.plantwatch.detection.configuration.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plantwatch.contracts.api.ApiError;
import io.plantwatch.contracts.event.DeviceEvent;
import io.plantwatch.detection.detector.DetectorConfig;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds a device's {@link DetectorConfig} from layers — the library defaults, the device registry's channels, the
 * service-wide override and the device's override — and validates overrides. Pure functions.
 *
 * <p>An override is a sparse JSON object shaped like {@link DetectorConfig} except that {@code channels} is an object
 * keyed by channel name, e.g. {@code {"sensitivity":1.5,"zscore":{"threshold":4},"channels":{"pressure":
 * {"alarmHigh":8,"unit":"bar"}}}}. Later layers win field by field; a null or absent field leaves the lower layer's
 * value. The layers are merged sparse and the record constructors fill the defaults last, so derived defaults (e.g.
 * {@code mewma.adaptTrain} follows {@code mewma.adapt}) stay derived.
 */
public final class ConfigMerger {

    /** Strict: an unknown field in a stored or posted override is an error, not silently ignored. */
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    /** Parameter sections of {@link DetectorConfig} and their record types. */
    static final Map<String, Class<? extends Record>> SECTIONS = sections();

    private static final Set<String> TOP_LEVEL = Set.of("detectors", "alarmDetectors", "trainSamples", "sensitivity",
            "alarm", "channels", "zscore", "ewma", "rate", "flatline", "missing", "mewma", "pca", "ocsvm");
    private static final Set<String> CHANNEL_FIELDS = Set.of("unit", "validLow", "validHigh", "alarmLow", "alarmHigh",
            "expectedPeriodSeconds", "sensitivity");
    /** Parameters that are rates or shares: 0 &lt; v ≤ 1. */
    private static final Set<String> SHARE = Set.of("lambda", "quantile", "variance", "nu", "minAutocorrelation");
    /** Adaptation rates: 0 ≤ v ≤ 1 (0 = the reference never adapts). */
    private static final Set<String> RATE_0_1 = Set.of("adapt", "adaptTrain", "adaptFast");
    /** Parameters for which 0 is meaningful. */
    private static final Set<String> NON_NEGATIVE = Set.of("tolerance", "ridge", "scaleFloor", "seasonalHalfWidth",
            "hold");

    private ConfigMerger() {
    }

    public static ObjectMapper mapper() {
        return STRICT;
    }

    /** The bottom layer: the device id and the registry's channels (units, ranges, expected periods), if known. */
    public static ObjectNode base(String deviceId, DeviceEvent registry) {
        ObjectNode node = STRICT.createObjectNode();
        node.put("deviceId", deviceId);
        ArrayNode channels = node.putArray("channels");
        if (registry != null) {
            for (DeviceEvent.Channel c : registry.channels()) {
                if (c.name() == null || c.name().isBlank()) {
                    continue;
                }
                ObjectNode ch = channels.addObject();
                ch.put("name", c.name());
                putIfSet(ch, "unit", c.unit());
                putIfSet(ch, "validLow", c.validLow());
                putIfSet(ch, "validHigh", c.validHigh());
                putIfSet(ch, "alarmLow", c.alarmLow());
                putIfSet(ch, "alarmHigh", c.alarmHigh());
                putIfSet(ch, "expectedPeriodSeconds", c.expectedPeriodSeconds());
            }
        }
        return node;
    }

    /** Applies an (already validated) override on top of {@code target}, in place. */
    public static void apply(ObjectNode target, JsonNode override) {
        if (override == null || !override.isObject()) {
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = override.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String key = f.getKey();
            JsonNode value = f.getValue();
            if (value == null || value.isNull()) {
                continue;
            }
            if (key.equals("channels")) {
                applyChannels(target.withArray("channels"), value);
            } else if (value.isObject()) {
                ObjectNode section = target.has(key) && target.get(key).isObject() ? (ObjectNode) target.get(key)
                        : target.putObject(key);
                value.fields().forEachRemaining(p -> {
                    if (!p.getValue().isNull()) {
                        section.set(p.getKey(), p.getValue().deepCopy());
                    }
                });
            } else {
                target.set(key, value.deepCopy());
            }
        }
    }

    private static void applyChannels(ArrayNode channels, JsonNode override) {
        override.fields().forEachRemaining(e -> {
            ObjectNode ch = null;
            for (JsonNode existing : channels) {
                if (e.getKey().equals(existing.path("name").asText())) {
                    ch = (ObjectNode) existing;
                }
            }
            if (ch == null) {
                ch = channels.addObject();
                ch.put("name", e.getKey());
            }
            ObjectNode target = ch;
            e.getValue().fields().forEachRemaining(p -> {
                if (!p.getValue().isNull()) {
                    target.set(p.getKey(), p.getValue().deepCopy());
                }
            });
        });
    }

    /** Builds the configuration from merged layers; the defaults fill every field left open. */
    public static DetectorConfig build(ObjectNode merged) {
        try {
            return STRICT.treeToValue(merged, DetectorConfig.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(describe(e), e);
        }
    }

    /** The full configuration (every default filled in) as JSON, e.g. to show it. */
    public static ObjectNode toJson(DetectorConfig config) {
        return STRICT.valueToTree(config);
    }

    /** Every problem of an override, each naming its field ({@code zscore.threshold}, {@code channels.p.alarmLow}). */
    public static List<ApiError.FieldError> validate(JsonNode override) {
        List<ApiError.FieldError> errors = new ArrayList<>();
        if (override == null || !override.isObject()) {
            errors.add(new ApiError.FieldError("body", "must be a JSON object"));
            return errors;
        }
        override.fields().forEachRemaining(f -> {
            String key = f.getKey();
            JsonNode v = f.getValue();
            if (!TOP_LEVEL.contains(key)) {
                errors.add(new ApiError.FieldError(key, "is not a configuration field; known: " + sorted(TOP_LEVEL)));
                return;
            }
            if (v.isNull()) {
                return;
            }
            switch (key) {
                case "detectors", "alarmDetectors" -> detectorList(key, v, errors);
                case "trainSamples" -> integer(key, v, 10, 1_000_000, errors);
                case "sensitivity" -> number(key, v, errors, false, 100);
                case "alarm" -> section(key, v, DetectorConfig.AlarmParams.class, errors);
                case "channels" -> channels(v, errors);
                default -> section(key, v, SECTIONS.get(key), errors);
            }
        });
        return errors;
    }

    private static void detectorList(String key, JsonNode v, List<ApiError.FieldError> errors) {
        if (!v.isArray()) {
            errors.add(new ApiError.FieldError(key, "must be a list of detector names " + DetectorConfig.ALL_DETECTORS));
            return;
        }
        for (int i = 0; i < v.size(); i++) {
            JsonNode d = v.get(i);
            if (!d.isTextual() || !DetectorConfig.ALL_DETECTORS.contains(d.asText())) {
                errors.add(new ApiError.FieldError(key + "[" + i + "]",
                        "unknown detector " + d + "; known: " + DetectorConfig.ALL_DETECTORS));
            }
        }
    }

    private static void channels(JsonNode v, List<ApiError.FieldError> errors) {
        if (!v.isObject()) {
            errors.add(new ApiError.FieldError("channels", "must be an object keyed by channel name, e.g."
                    + " {\"pressure\":{\"alarmHigh\":8}}"));
            return;
        }
        v.fields().forEachRemaining(c -> {
            String prefix = "channels." + c.getKey();
            if (c.getKey().isBlank()) {
                errors.add(new ApiError.FieldError("channels", "a channel name must not be blank"));
                return;
            }
            if (!c.getValue().isObject()) {
                errors.add(new ApiError.FieldError(prefix, "must be an object of channel settings " + sorted(CHANNEL_FIELDS)));
                return;
            }
            c.getValue().fields().forEachRemaining(p -> {
                String field = prefix + "." + p.getKey();
                JsonNode pv = p.getValue();
                if (!CHANNEL_FIELDS.contains(p.getKey())) {
                    errors.add(new ApiError.FieldError(field, "is not a channel setting; known: " + sorted(CHANNEL_FIELDS)));
                } else if (pv.isNull()) {
                    return;
                } else if (p.getKey().equals("unit")) {
                    if (!pv.isTextual()) {
                        errors.add(new ApiError.FieldError(field, "must be a string"));
                    }
                } else if (p.getKey().equals("expectedPeriodSeconds") || p.getKey().equals("sensitivity")) {
                    number(field, pv, errors, false, Double.MAX_VALUE);
                } else if (!pv.isNumber() || !Double.isFinite(pv.asDouble())) {
                    errors.add(new ApiError.FieldError(field, "must be a finite number"));
                }
            });
            range(prefix, c.getValue(), "validLow", "validHigh", errors);
            range(prefix, c.getValue(), "alarmLow", "alarmHigh", errors);
        });
    }

    private static void range(String prefix, JsonNode ch, String low, String high, List<ApiError.FieldError> errors) {
        JsonNode l = ch.get(low);
        JsonNode h = ch.get(high);
        if (l != null && h != null && l.isNumber() && h.isNumber() && !(l.asDouble() < h.asDouble())) {
            errors.add(new ApiError.FieldError(prefix + "." + low, "must be below " + high + " (" + h.asDouble() + ")"));
        }
    }

    private static void section(String key, JsonNode v, Class<? extends Record> type, List<ApiError.FieldError> errors) {
        if (!v.isObject()) {
            errors.add(new ApiError.FieldError(key, "must be an object of " + key + " parameters"));
            return;
        }
        Map<String, Class<?>> params = new LinkedHashMap<>();
        for (RecordComponent rc : type.getRecordComponents()) {
            params.put(rc.getName(), rc.getType());
        }
        v.fields().forEachRemaining(p -> {
            String field = key + "." + p.getKey();
            Class<?> t = params.get(p.getKey());
            JsonNode pv = p.getValue();
            if (t == null) {
                errors.add(new ApiError.FieldError(field, "is not a " + key + " parameter; known: " + params.keySet()));
            } else if (pv.isNull()) {
                return;
            } else if (t == Boolean.class) {
                if (!pv.isBoolean()) {
                    errors.add(new ApiError.FieldError(field, "must be true or false"));
                }
            } else if (t == Integer.class) {
                integer(field, pv, NON_NEGATIVE.contains(p.getKey()) ? 0 : 1, Integer.MAX_VALUE, errors);
            } else if (SHARE.contains(p.getKey())) {
                share(field, pv, false, errors);
            } else if (RATE_0_1.contains(p.getKey())) {
                share(field, pv, true, errors);
            } else {
                number(field, pv, errors, NON_NEGATIVE.contains(p.getKey()), Double.MAX_VALUE);
            }
        });
    }

    private static void integer(String field, JsonNode v, int min, int max, List<ApiError.FieldError> errors) {
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < min || v.asInt() > max) {
            errors.add(new ApiError.FieldError(field, "must be a whole number from " + min + " to " + max));
        }
    }

    private static void number(String field, JsonNode v, List<ApiError.FieldError> errors, boolean zeroAllowed,
            double max) {
        double d = v.asDouble();
        if (!v.isNumber() || !Double.isFinite(d) || d < 0 || (!zeroAllowed && d == 0) || d > max) {
            errors.add(new ApiError.FieldError(field, "must be a finite number " + (zeroAllowed ? ">= 0" : "> 0")
                    + (max < Double.MAX_VALUE ? " and <= " + max : "")));
        }
    }

    private static void share(String field, JsonNode v, boolean zeroAllowed, List<ApiError.FieldError> errors) {
        double d = v.asDouble();
        if (!v.isNumber() || !(zeroAllowed ? d >= 0 : d > 0) || d > 1) {
            errors.add(new ApiError.FieldError(field, "must be a number in " + (zeroAllowed ? "[0, 1]" : "(0, 1]")));
        }
    }

    private static String describe(JsonProcessingException e) {
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            StringBuilder path = new StringBuilder();
            for (JsonMappingException.Reference ref : m.getPath()) {
                if (ref.getFieldName() != null) {
                    path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
                } else if (ref.getIndex() >= 0) {
                    path.append('[').append(ref.getIndex()).append(']');
                }
            }
            return path + ": " + e.getOriginalMessage();
        }
        return e.getOriginalMessage();
    }

    private static void putIfSet(ObjectNode n, String field, String v) {
        if (v != null) {
            n.put(field, v);
        }
    }

    private static void putIfSet(ObjectNode n, String field, Double v) {
        if (v != null && Double.isFinite(v)) {
            n.put(field, v);
        }
    }

    private static List<String> sorted(Set<String> s) {
        return s.stream().sorted().toList();
    }

    private static Map<String, Class<? extends Record>> sections() {
        Map<String, Class<? extends Record>> m = new LinkedHashMap<>();
        m.put("zscore", DetectorConfig.ZScoreParams.class);
        m.put("ewma", DetectorConfig.EwmaParams.class);
        m.put("rate", DetectorConfig.RateParams.class);
        m.put("flatline", DetectorConfig.FlatlineParams.class);
        m.put("missing", DetectorConfig.MissingParams.class);
        m.put("mewma", DetectorConfig.MewmaParams.class);
        m.put("pca", DetectorConfig.PcaParams.class);
        m.put("ocsvm", DetectorConfig.OcsvmParams.class);
        return Map.copyOf(m);
    }
}
