package io.plantwatch.alert.alarm.service;

import io.plantwatch.alert.alarm.config.AlarmConfig;

import java.time.Duration;

/**
 * How long a signal must be quiet (no anomaly of the slot) before its alarm clears by itself: N samples (N x the
 * channel's expected period) when the period is known, else T; per-device settings before the global defaults.
 * Each earlier opening of the same slot within the flapping window doubles it, so a flapping signal folds into
 * one long alarm instead of raising a storm.
 */
public final class HysteresisPolicy {

    private final AlarmConfig.Hysteresis defaults;
    private final AlarmConfig.Flapping flapping;

    public HysteresisPolicy(AlarmConfig.Hysteresis defaults, AlarmConfig.Flapping flapping) {
        this.defaults = defaults;
        this.flapping = flapping;
    }

    /**
     * @param deviceSamples    the device's own N, or null
     * @param deviceQuiet      the device's own T, or null
     * @param periodSeconds    the channel's expected period, or null when unknown
     * @param flapLevel        earlier openings of the slot within the flapping window
     */
    public Duration quietTime(Integer deviceSamples, Duration deviceQuiet, Double periodSeconds, int flapLevel) {
        boolean periodKnown = periodSeconds != null && periodSeconds > 0;
        Duration base;
        if (deviceSamples != null && periodKnown) {
            base = samples(deviceSamples, periodSeconds);
        } else if (deviceQuiet != null) {
            base = deviceQuiet;
        } else if (periodKnown) {
            base = samples(defaults.clearAfterSamples(), periodSeconds);
        } else {
            base = defaults.clearAfter();
        }
        if (base.compareTo(defaults.minClearAfter()) < 0) {
            base = defaults.minClearAfter();
        }
        int doublings = Math.max(0, Math.min(flapLevel, flapping.maxDoublings()));
        Duration flapped = base.multipliedBy(1L << doublings);
        Duration ceiling = flapping.maxClearAfter().compareTo(base) > 0 ? flapping.maxClearAfter() : base;
        return flapped.compareTo(ceiling) > 0 ? ceiling : flapped;
    }

    private static Duration samples(int n, double periodSeconds) {
        return Duration.ofMillis(Math.round(n * periodSeconds * 1000.0));
    }
}
