package io.plantwatch.e2e.fault;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A deterministic stream of readings with injected faults: {@code devices} devices, each with {@code readings}
 * samples one second apart over {@code channels} channels {@code c0, c1, ...}. Normal values stay inside the alarm
 * range 0..10 that the test configures; each channel of each device gets exactly one spike (50.0) at a fixed index.
 * So every spike is one planned anomaly (threshold, OUT_OF_RANGE) and one alarm of its own device + channel + type
 * slot, and the expected counts do not depend on timing (auto-clear) or on which instance evaluated what.
 */
public record ReadingPlan(String prefix, int devices, int readings, int channels, int batchSize, Instant start) {

    public static final double ALARM_LOW = 0;
    public static final double ALARM_HIGH = 10;
    static final double SPIKE = 50.0;

    /** One planned anomaly: a device, a channel and the device time of the spike. */
    public record Anomaly(String deviceId, String channel, Instant ts) {
    }

    /** One HTTP push: a device's consecutive samples. */
    public record Batch(String deviceId, int first, int count, String json) {
    }

    public ReadingPlan {
        if (readings < channels * 4 + 8) {
            throw new IllegalArgumentException("too few readings for one isolated spike per channel");
        }
    }

    public String deviceId(int d) {
        return prefix + "-" + d;
    }

    public List<String> deviceIds() {
        List<String> ids = new ArrayList<>();
        for (int d = 0; d < devices; d++) {
            ids.add(deviceId(d));
        }
        return ids;
    }

    public Instant ts(int i) {
        return start.plusSeconds(i);
    }

    /** Where the spike of channel {@code c} of device {@code d} is: spread over the stream, different per device. */
    int spikeIndex(int d, int c) {
        int stride = readings / channels;
        return c * stride + 3 + d % Math.max(1, stride - 6);
    }

    double value(int d, int i, int c) {
        return spikeIndex(d, c) == i ? SPIKE : 5.0 + 2.0 * Math.sin(0.37 * i + c + 0.5 * d);
    }

    public int totalReadings() {
        return devices * readings;
    }

    public Set<Anomaly> anomalies() {
        Set<Anomaly> out = new LinkedHashSet<>();
        for (int d = 0; d < devices; d++) {
            for (int c = 0; c < channels; c++) {
                out.add(new Anomaly(deviceId(d), "c" + c, ts(spikeIndex(d, c))));
            }
        }
        return out;
    }

    /** Batches in sending order: round robin over the devices, each device's samples in time order. */
    public List<Batch> batches() {
        List<Batch> out = new ArrayList<>();
        for (int first = 0; first < readings; first += batchSize) {
            int count = Math.min(batchSize, readings - first);
            for (int d = 0; d < devices; d++) {
                out.add(new Batch(deviceId(d), first, count, json(d, first, count)));
            }
        }
        return out;
    }

    private String json(int d, int first, int count) {
        StringBuilder json = new StringBuilder("{\"deviceId\":\"").append(deviceId(d)).append("\",\"samples\":[");
        for (int i = first; i < first + count; i++) {
            json.append(i == first ? "" : ",").append("{\"ts\":\"").append(ts(i)).append("\",\"values\":{");
            for (int c = 0; c < channels; c++) {
                json.append(c == 0 ? "" : ",").append("\"c").append(c).append("\":").append(value(d, i, c));
            }
            json.append("}}");
        }
        return json.append("]}").toString();
    }
}
