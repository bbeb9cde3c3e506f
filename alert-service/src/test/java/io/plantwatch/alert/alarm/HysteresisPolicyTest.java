package io.plantwatch.alert.alarm;

import io.plantwatch.alert.alarm.config.AlarmConfig;
import io.plantwatch.alert.alarm.service.HysteresisPolicy;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The quiet-time rule alone: N samples when the period is known, else T; device before defaults; flapping doubles. */
class HysteresisPolicyTest {

    private final HysteresisPolicy policy = new HysteresisPolicy(new AlarmConfig.Hysteresis() {
        public int clearAfterSamples() {
            return 10;
        }

        public Duration clearAfter() {
            return Duration.ofMinutes(5);
        }

        public Duration minClearAfter() {
            return Duration.ofSeconds(10);
        }
    }, new AlarmConfig.Flapping() {
        public Duration window() {
            return Duration.ofHours(1);
        }

        public int maxDoublings() {
            return 6;
        }

        public Duration maxClearAfter() {
            return Duration.ofHours(2);
        }
    });

    @Test
    void samplesWhenThePeriodIsKnownElseTime() {
        assertEquals(Duration.ofSeconds(20), policy.quietTime(null, null, 2.0, 0), "default N=10 x 2 s");
        assertEquals(Duration.ofMinutes(5), policy.quietTime(null, null, null, 0), "default T without a period");
        assertEquals(Duration.ofSeconds(60), policy.quietTime(30, Duration.ofMinutes(9), 2.0, 0), "device N first");
        assertEquals(Duration.ofMinutes(9), policy.quietTime(30, Duration.ofMinutes(9), null, 0), "device T without period");
        assertEquals(Duration.ofMinutes(9), policy.quietTime(null, Duration.ofMinutes(9), 2.0, 0), "device T before default N");
        assertEquals(Duration.ofSeconds(10), policy.quietTime(1, null, 0.1, 0), "never below the floor");
    }

    @Test
    void eachEarlierOpeningDoublesUpToTheCeiling() {
        assertEquals(Duration.ofMinutes(10), policy.quietTime(null, null, null, 1));
        assertEquals(Duration.ofMinutes(40), policy.quietTime(null, null, null, 3));
        assertEquals(Duration.ofHours(2), policy.quietTime(null, null, null, 6));
        assertEquals(Duration.ofHours(3), policy.quietTime(null, Duration.ofHours(3), null, 4), "a long T is its own ceiling");
    }
}
