package io.plantwatch.gateway.live.service;

import io.plantwatch.contracts.event.Quality;
import io.plantwatch.contracts.event.Reading;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Downsamples readings for screens: per device, the first reading of an interval passes at once, later ones in the
 * same interval are merged and leave when the interval is over ({@link #due(long)}). A device sending at 1 Hz is
 * therefore shown without delay, one sending at 1 kHz as one point per interval with its min/max envelope.
 */
public final class ReadingThrottle {

    private static final class DeviceWindow {
        long lastSentNanos = Long.MIN_VALUE;
        Merge pending;
    }

    private static final class Merge {
        final String deviceId;
        java.time.Instant ts;
        final Map<String, Double> values = new HashMap<>();
        final Map<String, Double> min = new HashMap<>();
        final Map<String, Double> max = new HashMap<>();
        int samples;
        Quality quality = Quality.GOOD;

        Merge(String deviceId) {
            this.deviceId = deviceId;
        }

        void add(Reading r) {
            if (ts == null || !r.ts().isBefore(ts)) {
                ts = r.ts();
                values.putAll(r.values());
            }
            r.values().forEach((channel, v) -> {
                min.merge(channel, v, Math::min);
                max.merge(channel, v, Math::max);
            });
            samples++;
            if (r.quality().ordinal() > quality.ordinal()) {
                quality = r.quality();
            }
        }

        ScreenReading toScreen() {
            return new ScreenReading(deviceId, ts, Map.copyOf(values), Map.copyOf(min), Map.copyOf(max), samples,
                    quality.name());
        }
    }

    private final long intervalNanos;
    private final Map<String, DeviceWindow> windows = new ConcurrentHashMap<>();

    public ReadingThrottle(Duration interval) {
        this.intervalNanos = interval.toNanos();
    }

    /** Takes one reading; returns it as a screen point when it may leave now, otherwise null (it waits merged). */
    public ScreenReading offer(Reading reading, long nowNanos) {
        DeviceWindow window = windows.computeIfAbsent(reading.deviceId(), k -> new DeviceWindow());
        synchronized (window) {
            if (window.pending == null && elapsed(window, nowNanos)) {
                window.lastSentNanos = nowNanos;
                Merge single = new Merge(reading.deviceId());
                single.add(reading);
                return single.toScreen();
            }
            if (window.pending == null) {
                window.pending = new Merge(reading.deviceId());
            }
            window.pending.add(reading);
            return null;
        }
    }

    /** The merged points whose interval is over, to be sent now. */
    public List<ScreenReading> due(long nowNanos) {
        List<ScreenReading> out = new ArrayList<>();
        for (DeviceWindow window : windows.values()) {
            synchronized (window) {
                if (window.pending != null && elapsed(window, nowNanos)) {
                    out.add(window.pending.toScreen());
                    window.pending = null;
                    window.lastSentNanos = nowNanos;
                }
            }
        }
        return out;
    }

    private boolean elapsed(DeviceWindow window, long nowNanos) {
        return window.lastSentNanos == Long.MIN_VALUE || nowNanos - window.lastSentNanos >= intervalNanos;
    }
}
