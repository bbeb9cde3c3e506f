package io.plantwatch.gateway.live.service;

import io.plantwatch.contracts.event.Quality;
import io.plantwatch.contracts.event.Reading;
import io.plantwatch.contracts.event.Source;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReadingThrottleTest {

    private static final long MS = 1_000_000L;
    private final ReadingThrottle throttle = new ReadingThrottle(Duration.ofSeconds(1));
    private final Instant t0 = Instant.parse("2026-11-23T08:00:00Z");

    @Test
    void aSlowDeviceGoesThroughWithoutDelay() {
        assertNotNull(throttle.offer(reading("pump", 0, 2.0, Quality.GOOD), 0));
        assertNotNull(throttle.offer(reading("pump", 1000, 2.1, Quality.GOOD), 1000 * MS));
        assertNotNull(throttle.offer(reading("pump", 2000, 2.2, Quality.GOOD), 2000 * MS));
        assertTrue(throttle.due(5000 * MS).isEmpty());
    }

    @Test
    void aFastDeviceBecomesOnePointPerIntervalWithItsEnvelope() {
        ScreenReading first = throttle.offer(reading("meter", 0, 5.0, Quality.GOOD), 0);
        assertEquals(5.0, first.values().get("v"));
        assertNull(throttle.offer(reading("meter", 100, 9.0, Quality.GOOD), 100 * MS));
        assertNull(throttle.offer(reading("meter", 200, 1.0, Quality.BAD), 200 * MS));
        assertNull(throttle.offer(reading("meter", 300, 4.0, Quality.GOOD), 300 * MS));
        assertTrue(throttle.due(900 * MS).isEmpty(), "the interval is not over yet");
        List<ScreenReading> due = throttle.due(1000 * MS);
        assertEquals(1, due.size());
        ScreenReading merged = due.get(0);
        assertEquals(4.0, merged.values().get("v"), "latest value");
        assertEquals(1.0, merged.min().get("v"));
        assertEquals(9.0, merged.max().get("v"));
        assertEquals(3, merged.samples());
        assertEquals("BAD", merged.quality(), "the worst quality of the interval");
        assertEquals(t0.plusMillis(300), merged.ts());
        assertTrue(throttle.due(5000 * MS).isEmpty(), "sent once");
    }

    @Test
    void devicesAreThrottledIndependently() {
        assertNotNull(throttle.offer(reading("a", 0, 1, Quality.GOOD), 0));
        assertNotNull(throttle.offer(reading("b", 0, 1, Quality.GOOD), 10 * MS));
        assertNull(throttle.offer(reading("a", 20, 1, Quality.GOOD), 20 * MS));
    }

    private Reading reading(String device, long offsetMillis, double v, Quality quality) {
        return Reading.of(device + offsetMillis, device, t0.plusMillis(offsetMillis), t0, Source.HTTP, Map.of("v", v), quality);
    }
}
