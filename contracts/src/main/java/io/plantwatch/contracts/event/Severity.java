package io.plantwatch.contracts.event;

/** Alarm and anomaly severity, in rising order: {@code compareTo} orders by seriousness. */
public enum Severity {
    INFO, WARNING, MINOR, MAJOR, CRITICAL;

    public boolean atLeast(Severity other) {
        return compareTo(other) >= 0;
    }

    public Severity max(Severity other) {
        return other == null || compareTo(other) >= 0 ? this : other;
    }

    /** One step up, saturating at CRITICAL. */
    public Severity next() {
        return this == CRITICAL ? CRITICAL : values()[ordinal() + 1];
    }
}
