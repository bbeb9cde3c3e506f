package io.plantwatch.alert.alarm.rest;

import io.plantwatch.contracts.api.ApiException;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** Parses query and body values into types, answering 400 naming the field when one is wrong. */
public final class QueryParams {

    private QueryParams() {
    }

    /** Values of a repeatable, comma-separable enum parameter ({@code status=A&status=B} or {@code status=A,B}). */
    public static <E extends Enum<E>> Set<E> enums(String field, List<String> raw, Class<E> type) {
        Set<E> result = EnumSet.noneOf(type);
        if (raw == null) {
            return result;
        }
        for (String part : raw.stream().flatMap(r -> Arrays.stream(r.split(","))).map(String::strip)
                .filter(s -> !s.isEmpty()).toList()) {
            result.add(oneEnum(field, part, type));
        }
        return result;
    }

    public static <E extends Enum<E>> E oneEnum(String field, String raw, Class<E> type) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, raw.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(field, "must be one of " + Arrays.stream(type.getEnumConstants()).map(Enum::name)
                    .collect(Collectors.joining(", ")) + ", got '" + raw + "'");
        }
    }

    public static Instant instant(String field, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(raw.strip());
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(field, "must be an ISO-8601 instant such as 2026-11-23T08:00:00Z, got '" + raw + "'");
        }
    }

    public static Duration duration(String field, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Duration.parse(raw.strip());
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(field, "must be an ISO-8601 duration such as PT10M, got '" + raw + "'");
        }
    }
}
