package io.plantwatch.report.common;

import io.plantwatch.contracts.api.ApiException;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Parsing of query parameters into values, or a 400 naming the parameter. */
public final class Params {

    private Params() {
    }

    public static Instant instant(String field, String value, Instant fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(field, "must be an ISO-8601 instant, e.g. 2026-11-23T08:00:00Z");
        }
    }

    public static Duration duration(String field, String value, Duration fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            Duration d = Duration.parse(value.trim());
            if (d.isNegative() || d.isZero()) {
                throw ApiException.invalid(field, "must be positive");
            }
            return d;
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(field, "must be an ISO-8601 duration, e.g. PT10M");
        }
    }

    /** Comma-separated values (repeated parameters are joined by the caller), trimmed, blanks dropped. */
    public static Set<String> list(List<String> values) {
        Set<String> result = new LinkedHashSet<>();
        if (values != null) {
            for (String value : values) {
                if (value != null) {
                    for (String part : value.split(",")) {
                        if (!part.isBlank()) {
                            result.add(part.trim());
                        }
                    }
                }
            }
        }
        return result;
    }

    public static Set<String> list(String value) {
        return list(value == null ? List.of() : List.of(value));
    }

    /** Enum constants by name (case-insensitive), or a 400 listing the accepted names. */
    public static <E extends Enum<E>> List<E> enums(String field, Set<String> names, Class<E> type) {
        List<E> result = new ArrayList<>();
        for (String name : names) {
            try {
                result.add(Enum.valueOf(type, name.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw ApiException.invalid(field, "unknown value '" + name + "'; one of "
                        + java.util.Arrays.toString(type.getEnumConstants()));
            }
        }
        return result;
    }

    public static <E extends Enum<E>> E oneEnum(String field, String name, Class<E> type, E fallback) {
        if (name == null || name.isBlank()) {
            return fallback;
        }
        return enums(field, Set.of(name.trim()), type).get(0);
    }

    public static int intIn(String field, String value, int fallback, int min, int max) {
        int v;
        if (value == null || value.isBlank()) {
            v = fallback;
        } else {
            try {
                v = Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                throw ApiException.invalid(field, "must be a whole number between " + min + " and " + max);
            }
        }
        if (v < min || v > max) {
            throw ApiException.invalid(field, "must be between " + min + " and " + max);
        }
        return v;
    }

    /** A [from, to) range: to defaults to now, from to {@code to - defaultLength}; from before to, at most maxLength. */
    public static TimeRange range(String from, String to, java.time.Duration defaultLength, java.time.Duration maxLength) {
        Instant end = instant("to", to, Instant.now());
        Instant start = instant("from", from, end.minus(defaultLength));
        if (!start.isBefore(end)) {
            throw ApiException.invalid("from", "must be before to");
        }
        if (Duration.between(start, end).compareTo(maxLength) > 0) {
            throw ApiException.invalid("from", "the range may span at most " + maxLength.toDays() + " days");
        }
        return new TimeRange(start, end);
    }
}
