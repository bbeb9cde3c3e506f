package io.plantwatch.detection.detector;

import io.plantwatch.contracts.event.AnomalyType;
import io.plantwatch.contracts.event.Severity;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each per-channel detector on a synthetic signal whose answer is known. */
class ChannelDetectorsTest {

    private static DeviceDetector engine(String... detectors) {
        return new DeviceDetector(DetectorConfig.builder("dev").detectors(detectors).trainSamples(400).build());
    }

    @Test
    void thresholdFlagsValuesOutsideTheAlarmAndValidRanges() {
        DetectorConfig cfg = DetectorConfig.builder("dev").detectors("threshold")
                .channel(new DetectorConfig.ChannelConfig("pressure", "bar", 0.0, 10.0, 1.0, 3.0, null, null))
                .build();
        DeviceDetector d = new DeviceDetector(cfg);
        assertTrue(d.evaluate(Signals.ts(0), Map.of("pressure", 2.0)).isEmpty());
        List<Verdict> v = d.evaluate(Signals.ts(1), Map.of("pressure", 3.05));
        assertEquals(1, v.size());
        Verdict above = v.get(0);
        assertEquals("threshold", above.detector());
        assertEquals(AnomalyType.OUT_OF_RANGE, above.type());
        assertEquals(Severity.WARNING, above.severity()); // 0.05 bar beyond a 2-bar range = 2.5 %
        assertEquals(3.0, above.threshold());
        assertEquals(1.0, above.expectedLow());
        assertEquals(3.0, above.expectedHigh());
        assertTrue(above.message().contains("pressure 3.05 bar is above its alarm range 1 bar .. 3 bar"),
                above.message());
        assertTrue(d.lastResult().alarmOnset(), "threshold opens an alarm");
        Verdict far = d.evaluate(Signals.ts(2), Map.of("pressure", 0.4)).get(0);
        assertEquals(Severity.CRITICAL, far.severity()); // 0.6 bar below a 2-bar range = 30 %
    }

    @Test
    void thresholdSeverityScalesWithExcessAndInvalidValuesAreCritical() {
        DetectorConfig cfg = DetectorConfig.builder("dev").detectors("threshold")
                .channel(new DetectorConfig.ChannelConfig("t", "°C", -40.0, 150.0, 10.0, 110.0, null, null))
                .build();
        DeviceDetector d = new DeviceDetector(cfg);
        assertEquals(Severity.WARNING, d.evaluate(Signals.ts(0), Map.of("t", 112.0)).get(0).severity());
        assertEquals(Severity.MINOR, d.evaluate(Signals.ts(1), Map.of("t", 118.0)).get(0).severity());
        assertEquals(Severity.MAJOR, d.evaluate(Signals.ts(2), Map.of("t", 130.0)).get(0).severity());
        assertEquals(Severity.CRITICAL, d.evaluate(Signals.ts(3), Map.of("t", 140.0)).get(0).severity());
        Verdict invalid = d.evaluate(Signals.ts(4), Map.of("t", 500.0)).get(0);
        assertEquals(Severity.CRITICAL, invalid.severity());
        assertEquals(150.0, invalid.threshold());
        assertTrue(invalid.message().contains("valid range"), invalid.message());
    }

    @Test
    void zscoreFindsASpikeAndNothingElseInStationaryNoise() {
        double[] x = Signals.noise(3000, 50, 2, 1);
        x[2000] = 50 + 30; // 15 σ
        List<SampleResult> r = Signals.run(engine("zscore"), "v", x);
        List<Integer> fired = Signals.firing(r, "zscore");
        assertTrue(fired.contains(2000), "spike found: " + fired);
        assertTrue(fired.size() <= 6, "few false positives in 2600 judged samples: " + fired);
        Verdict v = Signals.verdicts(r, "zscore").stream().filter(q -> q.ts().equals(Signals.ts(2000)))
                .findFirst().orElseThrow();
        assertEquals(AnomalyType.SPIKE, v.type());
        assertTrue(v.score() > v.threshold());
        assertEquals(80.0, v.value());
        assertTrue(v.expectedLow() < 50 && v.expectedHigh() > 50 && v.expectedHigh() < 60, v.toString());
        assertTrue(v.message().startsWith("v 80 is "), v.message());
        assertTrue(v.message().contains("σ above its 100-second median of"), v.message());
        assertEquals(1, Signals.onsets(r.subList(1990, 2100)), "one alarm onset for the spike");
    }

    @Test
    void zscoreFindsAStepChangeAtItsStart() {
        double[] x = Signals.noise(3000, 10, 1, 2);
        for (int i = 2000; i < 3000; i++) {
            x[i] += 8;
        }
        List<SampleResult> r = Signals.run(engine("zscore"), "v", x);
        int first = Signals.firing(r, "zscore").stream().filter(i -> i >= 1990).findFirst().orElse(-1);
        assertTrue(first >= 2000 && first <= 2003, "step detected at its start, got " + first);
        int onsetsAfter = Signals.onsets(r.subList(2000, 3000));
        assertEquals(1, onsetsAfter, "a step is one alarm");
    }

    @Test
    void zscoreUsesTheDailyCycleOfPeriodicSignals() {
        // a square-wave "day" of 288 samples: low 180 samples, high 108; the daily transitions are normal
        int n = 288 * 14;
        double[] x = Signals.noise(n, 0, 1, 3);
        for (int i = 0; i < n; i++) {
            x[i] += (i % 288) >= 180 ? 60 : 20;
        }
        // anomaly: on day 10 the high phase goes to twice its usual level
        for (int i = 288 * 10 + 180; i < 288 * 10 + 288; i++) {
            x[i] += 60;
        }
        // the warm-up must hold two periods for the cycle to be learned
        DeviceDetector d = new DeviceDetector(DetectorConfig.builder("dev").detectors("zscore").trainSamples(750)
                .build());
        List<SampleResult> r = Signals.run(d, "v", x);
        List<Integer> fired = Signals.firing(r, "zscore");
        long inAnomaly = fired.stream().filter(i -> i >= 288 * 10 + 180 && i < 288 * 11).count();
        // the daily transitions (phase 0 and 180) are normal: no verdict within 3 samples of one, except on the
        // day after the anomaly, whose reference (one period earlier) is the anomalous day itself
        long atTransitions = fired.stream().filter(i -> i < 288 * 10 + 180 || i >= 288 * 12)
                .filter(i -> Math.min(i % 288, 288 - i % 288) <= 3 || Math.abs(i % 288 - 180) <= 3).count();
        long outside = fired.stream().filter(i -> i < 288 * 10 + 180 || i >= 288 * 12).count();
        assertTrue(inAnomaly >= 1, "anomalous high phase detected: " + fired);
        assertEquals(0, atTransitions, "daily transitions are not anomalies: " + fired);
        assertTrue(outside <= 10, "few false positives in ~3300 judged samples: " + fired);
    }

    @Test
    void ewmaFindsASmallSustainedDriftThatSinglePointsDoNotShow() {
        double[] x = Signals.noise(2400, 100, 1, 4);
        for (int i = 1200; i < 2400; i++) {
            x[i] += 1.5; // 1.5 σ: invisible point by point
        }
        List<SampleResult> r = Signals.run(engine("ewma"), "v", x);
        List<Integer> fired = Signals.firing(r, "ewma");
        long before = fired.stream().filter(i -> i < 1200).count();
        int first = fired.stream().filter(i -> i >= 1200).findFirst().orElse(-1);
        assertEquals(0, before, "no drift before: " + fired);
        assertTrue(first >= 1200 && first < 1260, "drift found within a minute, got " + first);
        Verdict v = Signals.verdicts(r, "ewma").get(0);
        assertEquals(AnomalyType.DRIFT, v.type());
        assertTrue(v.message().contains("above its reference of"), v.message());
    }

    @Test
    void rateFindsAJumpButNotNormalNoise() {
        double[] x = Signals.noise(1500, 20, 0.2, 5);
        for (int i = 1000; i < 1500; i++) {
            x[i] += 10;
        }
        List<SampleResult> r = Signals.run(engine("rate"), "v", x);
        assertEquals(List.of(1000), Signals.firing(r, "rate"));
        Verdict v = Signals.verdicts(r, "rate").get(0);
        assertEquals(AnomalyType.SPIKE, v.type());
        assertTrue(v.message().contains("changed by +"), v.message());
    }

    @Test
    void flatlineFindsAStuckSensorButNotAQuantisedOne() {
        // quantised sensor: repeats values for a few samples in normal operation
        double[] x = Signals.noise(2000, 32, 0.4, 6);
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.round(x[i]);
        }
        for (int i = 1500; i < 2000; i++) {
            x[i] = 31.0; // stuck
        }
        List<SampleResult> r = Signals.run(engine("flatline"), "flow", x);
        List<Integer> fired = Signals.firing(r, "flatline");
        assertFalse(fired.isEmpty(), "stuck sensor found");
        assertTrue(fired.get(0) > 1500 && fired.get(0) < 1600, "first flatline verdict " + fired.get(0));
        assertTrue(fired.stream().allMatch(i -> i > 1500), "quantised normal data never flagged");
        Verdict v = Signals.verdicts(r, "flatline").get(0);
        assertEquals(AnomalyType.FLATLINE, v.type());
        assertTrue(v.message().contains("has stayed at 31"), v.message());
    }

    @Test
    void missingIsTimerDrivenAndReportsEachGapOnce() {
        DetectorConfig cfg = DetectorConfig.builder("dev").detectors("missing").trainSamples(20).build();
        DeviceDetector d = new DeviceDetector(cfg);
        for (int i = 0; i < 30; i++) {
            d.evaluate(Signals.ts(i * 10), Map.of("v", 1.0)); // every 10 s
        }
        Instant last = Signals.ts(290);
        assertTrue(d.onTick(last.plusSeconds(29)).isEmpty(), "2.9 periods: not yet");
        List<Verdict> gap = d.onTick(last.plusSeconds(31));
        assertEquals(1, gap.size());
        Verdict v = gap.get(0);
        assertEquals("missing", v.detector());
        assertEquals(AnomalyType.MISSING, v.type());
        assertEquals(Severity.WARNING, v.severity());
        assertEquals(last.plusSeconds(31), v.ts());
        assertTrue(v.message().startsWith("no v sample for 31 s"), v.message());
        assertTrue(d.onTick(last.plusSeconds(35)).isEmpty(), "same gap, same severity: reported once");
        Verdict worse = d.onTick(last.plusSeconds(200)).get(0);
        assertEquals(Severity.CRITICAL, worse.severity(), "a longer gap escalates");
        d.evaluate(last.plusSeconds(201), Map.of("v", 1.0));
        assertTrue(d.onTick(last.plusSeconds(210)).isEmpty(), "data is back");
    }

    @Test
    void missingUsesAConfiguredPeriodBeforeTheWarmUp() {
        DetectorConfig cfg = DetectorConfig.builder("dev").detectors("missing")
                .channel(new DetectorConfig.ChannelConfig("v", null, null, null, null, null, 60.0, null)).build();
        DeviceDetector d = new DeviceDetector(cfg);
        d.evaluate(Signals.ts(0), Map.of("v", 1.0));
        assertTrue(d.onTick(Signals.ts(179)).isEmpty());
        assertEquals(1, d.onTick(Signals.ts(181)).size());
        assertTrue(d.lastResult().verdicts().isEmpty(), "missing data is never reported from evaluate()");
    }
}
