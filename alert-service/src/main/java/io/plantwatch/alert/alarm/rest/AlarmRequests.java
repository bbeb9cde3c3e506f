package io.plantwatch.alert.alarm.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Bodies of the alarm actions. */
public final class AlarmRequests {

    private AlarmRequests() {
    }

    /** Optional note with an acknowledge or clear. */
    public record Note(@Size(max = 2000) String comment) {
    }

    public record Assign(@NotBlank @Size(max = 100) String assignee) {
    }

    public record Comment(@NotBlank @Size(max = 4000) String text) {
    }

    /**
     * Per-device hysteresis: {@code clearAfterSamples} (N) and/or {@code clearAfter} (T, ISO-8601 such as PT10M);
     * both null restores the defaults.
     */
    public record DeviceSettings(Integer clearAfterSamples, String clearAfter) {
    }
}
