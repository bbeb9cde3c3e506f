package io.plantwatch.report.export.service;

/** Which stored form of the readings an export reads: every sample, or the 1-minute or 1-hour rollups. */
public enum Resolution {
    RAW, MINUTE, HOUR;

    public static Resolution parse(String wire) {
        if (wire == null || wire.isBlank() || wire.equals("raw")) {
            return RAW;
        }
        return switch (wire.trim()) {
            case "1m" -> MINUTE;
            case "1h" -> HOUR;
            default -> throw io.plantwatch.contracts.api.ApiException.invalid("resolution", "one of raw, 1m, 1h");
        };
    }
}
