package io.plantwatch.ingest.simulator;

import io.plantwatch.ingest.device.service.DeviceChannel;
import io.plantwatch.ingest.simulator.service.PumpModel;
import io.plantwatch.ingest.simulator.service.PumpModel.Fault;
import io.plantwatch.ingest.simulator.service.SimulatedDevices;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The simulated pump's fault schedule, which the local stack relies on to show alarms (and their e-mails) soon after
 * {@code ./plantwatch up} and then regularly: the first fault at a known time, later ones at a bounded pace, each
 * driving a channel far enough across the alarm limits the pump is registered with to be MAJOR or worse.
 */
class PumpModelTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration FIRST = Duration.ofSeconds(30);
    private static final Duration INTERVAL = Duration.ofMinutes(2);
    private static final double JITTER = 0.25;
    private static final Duration FAULT = Duration.ofSeconds(60);
    /** The PLC's register refresh (a quarter of the 1 s sampling interval). */
    private static final Duration STEP = Duration.ofMillis(250);

    private record Episode(Fault fault, Instant start, Instant end, double worstExcess) {
    }

    /** Runs the model for {@code length} of simulated time and cuts it into fault episodes. */
    private static List<Episode> run(long seed, Duration length) {
        PumpModel pump = new PumpModel(seed, START, FIRST, INTERVAL, JITTER, FAULT);
        Map<String, DeviceChannel> limits = new java.util.HashMap<>();
        for (DeviceChannel c : SimulatedDevices.pump("site", 5020).channels()) {
            limits.put(c.name(), c);
        }
        List<Episode> episodes = new ArrayList<>();
        Fault current = Fault.NONE;
        Instant since = null;
        double worst = 0;
        for (Instant t = START; t.isBefore(START.plus(length)); t = t.plus(STEP)) {
            PumpModel.State s = pump.sample(t);
            if (s.fault() != current) {
                if (current != Fault.NONE) {
                    episodes.add(new Episode(current, since, t, worst));
                }
                current = s.fault();
                since = t;
                worst = 0;
            }
            if (current != Fault.NONE) {
                worst = Math.max(worst, Math.max(Math.max(excess(s.motorCurrent(), limits.get("motor_current")),
                        excess(s.pressure(), limits.get("pressure"))), Math.max(Math.max(
                        excess(s.vibration(), limits.get("vibration")), excess(s.temperature(), limits.get("temperature"))),
                        excess(s.flow(), limits.get("flow")))));
            }
        }
        return episodes;
    }

    /**
     * How far a value lies outside the channel's alarm range, as a share of the range width (of |limit| when the range
     * is one-sided): the static-limit detector calls 10 % and more MAJOR, 25 % and more CRITICAL.
     */
    private static double excess(double v, DeviceChannel c) {
        double low = c.alarmLow() == null ? Double.NEGATIVE_INFINITY : c.alarmLow();
        double high = c.alarmHigh() == null ? Double.POSITIVE_INFINITY : c.alarmHigh();
        if (v >= low && v <= high) {
            return 0;
        }
        double limit = v < low ? low : high;
        double span = high - low;
        double ref = Double.isFinite(span) ? span : Math.abs(limit);
        return Math.abs(v - limit) / ref;
    }

    @Test
    void theFirstFaultIsAValveClosingAtTheConfiguredTimeThatPushesPressureFarAboveItsLimit() {
        Episode first = run(42, Duration.ofMinutes(2)).get(0);
        assertEquals(Fault.VALVE_CLOSING, first.fault());
        assertEquals(START.plus(FIRST), first.start());
        assertTrue(first.worstExcess() >= 0.25, "the first fault is CRITICAL by the static limits: " + first.worstExcess());
    }

    @Test
    void laterFaultsFollowAtABoundedPaceAndEveryKindCrossesTheAlarmLimitsAtLeastMajor() {
        Duration length = Duration.ofHours(2);
        List<Episode> episodes = run(42, length);
        // at most (first + 1 fault) per (fault + shortest pause), at least one per (fault + longest pause)
        Duration shortest = Duration.ofMillis(Math.round(INTERVAL.toMillis() * (1 - JITTER)));
        Duration longest = Duration.ofMillis(Math.round(INTERVAL.toMillis() * (1 + JITTER)));
        for (int i = 1; i < episodes.size(); i++) {
            Duration pause = Duration.between(episodes.get(i - 1).end(), episodes.get(i).start());
            assertTrue(pause.compareTo(shortest.minus(STEP)) >= 0 && pause.compareTo(longest.plus(STEP)) <= 0,
                    "pause " + pause + " before fault " + i + " is outside " + shortest + " .. " + longest);
        }
        long expectedAtLeast = (length.minus(FIRST).toMillis()) / (FAULT.plus(longest).toMillis());
        assertTrue(episodes.size() >= expectedAtLeast, episodes.size() + " faults in " + length);

        Map<Fault, Double> weakestPerKind = new EnumMap<>(Fault.class);
        for (Episode e : episodes) {
            weakestPerKind.merge(e.fault(), e.worstExcess(), Math::min);
        }
        assertEquals(3, weakestPerKind.size(), "every fault kind occurs in two hours: " + weakestPerKind);
        weakestPerKind.forEach((kind, excess) -> assertTrue(excess >= 0.10,
                kind + " reached only " + excess + " of its range beyond an alarm limit (less than MAJOR)"));
    }
}
