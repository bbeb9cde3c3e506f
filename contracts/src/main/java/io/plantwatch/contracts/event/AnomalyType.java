package io.plantwatch.contracts.event;

/** What kind of abnormal behaviour a detector saw. */
public enum AnomalyType {
    OUT_OF_RANGE, SPIKE, DRIFT, FLATLINE, MISSING, MULTIVARIATE, FORECAST_DEVIATION, OFFLINE
}
