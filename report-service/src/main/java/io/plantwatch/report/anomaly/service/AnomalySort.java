package io.plantwatch.report.anomaly.service;

import com.mongodb.client.model.Sorts;
import io.plantwatch.contracts.api.ApiException;
import org.bson.conversions.Bson;

import java.util.Arrays;

/** Sort orders of the anomaly history; the wire name prefixed with '-' means descending. */
public enum AnomalySort {
    TS_DESC("-ts", Sorts.descending("ts")),
    TS_ASC("ts", Sorts.ascending("ts")),
    SEVERITY_DESC("-severity", Sorts.descending("severityRank")),
    SEVERITY_ASC("severity", Sorts.ascending("severityRank")),
    SCORE_DESC("-score", Sorts.descending("score")),
    SCORE_ASC("score", Sorts.ascending("score")),
    DEVICE_ASC("deviceId", Sorts.ascending("deviceId")),
    DEVICE_DESC("-deviceId", Sorts.descending("deviceId"));

    private final String wire;
    private final Bson primary;

    AnomalySort(String wire, Bson primary) {
        this.wire = wire;
        this.primary = primary;
    }

    /** The order, with time (newest first) and id as tie-breakers so pages never overlap. */
    public Bson bson() {
        return Sorts.orderBy(primary, Sorts.descending("ts"), Sorts.ascending("_id"));
    }

    public static AnomalySort parse(String value) {
        if (value == null || value.isBlank()) {
            return TS_DESC;
        }
        return Arrays.stream(values()).filter(s -> s.wire.equals(value.trim())).findFirst()
                .orElseThrow(() -> ApiException.invalid("sort", "one of " + Arrays.stream(values()).map(s -> s.wire).toList()));
    }
}
