package io.plantwatch.gateway.live.service;

import java.time.Instant;
import java.util.Map;

/**
 * A device's readings of one screen interval merged into one point: the latest values, and the lowest and highest
 * value of each channel in the interval so that a spike between two points still shows.
 *
 * @param deviceId device
 * @param ts       time of the latest reading merged
 * @param values   latest value per channel
 * @param min      lowest value per channel in the interval
 * @param max      highest value per channel in the interval
 * @param samples  readings merged (1 when none was dropped)
 * @param quality  the worst quality among them
 */
public record ScreenReading(String deviceId, Instant ts, Map<String, Double> values, Map<String, Double> min,
        Map<String, Double> max, int samples, String quality) {
}
