package io.plantwatch.alert.common;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * The service's notion of "now". Every timer (auto-clear, reminders, escalation, rate limits, digests, mail retry)
 * reads this clock, so tests can replace it with a clock they move forward instead of waiting.
 */
public class ClockProducer {

    @Produces
    @DefaultBean
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
