package io.plantwatch.detection.detector;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.plantwatch.contracts.event.AnomalyEvent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The engine: snapshot/restore, determinism, alarm rules, slow drift, JSON configuration. */
class EngineTest {

    private static DetectorConfig allDetectors() {
        Set<String> all = Set.copyOf(DetectorConfig.ALL_DETECTORS);
        return new DetectorConfig("plant-7", List.of(), all, null, 300, null, null, null, null, null, null, null,
                null, null, null);
    }

    /** A plant run with a fault (flow drop + temperature jump) in the middle. */
    private static double[][] faulty(int n, long seed) {
        double[][] x = Signals.plant(n, seed);
        for (int i = n / 2; i < n / 2 + 300 && i < n; i++) {
            x[i][3] -= 3;
            x[i][2] += 2;
        }
        return x;
    }

    private static List<String> run(DeviceDetector d, double[][] x, int from, int to) {
        List<String> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            List<Verdict> v = d.evaluate(Signals.ts(i), Signals.row(Signals.PLANT, x[i]));
            SampleResult r = d.lastResult();
            out.add(i + " " + r.score() + " " + r.alarmActive() + " " + r.alarmOnset() + " " + v);
        }
        return out;
    }

    @Test
    void snapshotRestoreContinuesIdentically() throws Exception {
        double[][] x = faulty(3000, 21);
        DetectorConfig cfg = allDetectors();
        DeviceDetector reference = new DeviceDetector(cfg);
        List<String> expected = run(reference, x, 0, 3000);
        ObjectMapper om = new ObjectMapper();
        // snapshot during the warm-up, right after it, before and inside the fault
        for (int cut : new int[] {150, 300, 1400, 1600}) {
            DeviceDetector a = new DeviceDetector(cfg);
            List<String> got = new ArrayList<>(run(a, x, 0, cut));
            DetectorSnapshot snap = a.snapshot();
            // through JSON, as the service stores it
            DetectorSnapshot back = om.readValue(om.writeValueAsString(snap), DetectorSnapshot.class);
            DetectorConfig cfgBack = om.readValue(om.writeValueAsString(cfg), DetectorConfig.class);
            DeviceDetector b = DeviceDetector.restore(cfgBack, back);
            assertEquals(cut, b.samples());
            got.addAll(run(b, x, cut, 3000));
            assertEquals(expected, got, "restore at sample " + cut + " continues identically");
        }
        assertTrue(expected.stream().anyMatch(s -> s.contains("mewma")), "the run does exercise the detectors");
        assertTrue(expected.stream().anyMatch(s -> s.contains("ocsvm")), "and the Tribuo model");
    }

    @Test
    void sameInputSameOutput() {
        double[][] x = faulty(2000, 22);
        assertEquals(run(new DeviceDetector(allDetectors()), x, 0, 2000),
                run(new DeviceDetector(allDetectors()), x, 0, 2000));
    }

    @Test
    void aSlowlyDriftingNormalPlantRaisesNoAlarm() {
        double[][] x = Signals.plant(12000, 23); // 3⅓ hours at 1 Hz, drifting channels
        DeviceDetector d = new DeviceDetector(DetectorConfig.defaults("plant-7"));
        List<SampleResult> r = Signals.run(d, Signals.PLANT, x);
        assertEquals(0, Signals.onsets(r), "no alarm on a normal, slowly drifting plant");
        assertEquals(0, Signals.activeRows(r));
        assertEquals(Set.of("threshold", "flatline", "missing", "mewma"), d.alarmDetectors());
    }

    @Test
    void aFaultOpensOneAlarmThatClosesAfterTheHold() {
        // stationary plant: once the fault is over the alarm closes after the hold (40 samples)
        double[][] x = Signals.plant(3000, 24);
        java.util.Random r = new java.util.Random(5);
        for (double[] row : x) {
            row[0] = 10 + r.nextGaussian();
            row[1] = 5 + 0.5 * r.nextGaussian();
            row[2] = 70 + 0.1 * r.nextGaussian();
        }
        for (int i = 1500; i < 1800; i++) {
            x[i][3] -= 3;
            x[i][2] += 2;
        }
        DeviceDetector d = new DeviceDetector(DetectorConfig.builder("plant-7").trainSamples(300).build());
        List<SampleResult> res = Signals.run(d, Signals.PLANT, x);
        assertEquals(1, Signals.onsets(res), "one fault, one alarm");
        int onset = firstOnset(res);
        int lastActive = lastActive(res);
        assertTrue(onset >= 1500 && onset < 1510, "opens at the fault: " + onset);
        assertTrue(lastActive >= 1800 + 40 && lastActive < 1800 + 40 + 30, "closes after fault + hold: " + lastActive);
        assertTrue(res.get(onset).score() > 0.5, "score above 0.5 when firing");
        assertTrue(res.get(1000).score() < 0.5, "score below 0.5 in normal operation");
    }

    @Test
    void aChannelDriftingDuringALongAlarmDoesNotKeepItOpenForever() {
        // the plant's pressure follows a 1-hour oscillation the 5-minute warm-up could not see; a fault keeps the
        // alarm open, during which pressure drifts away: the alarm must still close (at the latest when the
        // reference is re-learned, relearnSamples = 900 after it opened)
        double[][] x = Signals.plant(4000, 24);
        for (int i = 1500; i < 1800; i++) {
            x[i][3] -= 3;
            x[i][2] += 2;
        }
        DeviceDetector d = new DeviceDetector(DetectorConfig.builder("plant-7").trainSamples(300).build());
        List<SampleResult> res = Signals.run(d, Signals.PLANT, x);
        int onset = firstOnset(res);
        assertTrue(onset >= 1500 && onset < 1510, "opens at the fault: " + onset);
        int closed = -1;
        for (int i = onset; i < res.size(); i++) {
            if (!res.get(i).alarmActive()) {
                closed = i;
                break;
            }
        }
        assertTrue(closed > 1800 && closed <= onset + 900 + 40 + 1, "closes by re-learning: " + closed);
        for (int i = closed; i < res.size(); i++) {
            assertFalse(res.get(i).alarmOnset(), "no further alarm after the re-learn, at " + i);
        }
    }

    private static int firstOnset(List<SampleResult> r) {
        for (int i = 0; i < r.size(); i++) {
            if (r.get(i).alarmOnset()) {
                return i;
            }
        }
        return -1;
    }

    private static int lastActive(List<SampleResult> r) {
        int last = -1;
        for (int i = 0; i < r.size(); i++) {
            if (r.get(i).alarmActive()) {
                last = i;
            }
        }
        return last;
    }

    @Test
    void debounceDelaysTheOnset() {
        DetectorConfig cfg = DetectorConfig.builder("dev").detectors("threshold").alarm(3, 0)
                .channel(new DetectorConfig.ChannelConfig("v", null, null, null, 0.0, 1.0, null, null)).build();
        DeviceDetector d = new DeviceDetector(cfg);
        boolean[] onset = new boolean[6];
        double[] v = {0.5, 2, 2, 2, 2, 0.5};
        for (int i = 0; i < v.length; i++) {
            d.evaluate(Signals.ts(i), Map.of("v", v[i]));
            onset[i] = d.lastResult().alarmOnset();
        }
        assertTrue(onset[3], "opens on the third firing sample");
        assertFalse(onset[1] || onset[2] || onset[4] || onset[5]);
    }

    @Test
    void verdictsBecomeContractEventsWithStableIds() {
        DetectorConfig cfg = DetectorConfig.builder("dev").detectors("threshold")
                .channel(new DetectorConfig.ChannelConfig("v", "V", null, null, 0.0, 1.0, null, null)).build();
        Verdict v = new DeviceDetector(cfg).evaluate(Signals.ts(0), Map.of("v", 2.0)).get(0);
        AnomalyEvent e1 = v.toEvent("dev", "reading-1");
        AnomalyEvent e2 = v.toEvent("dev", "reading-1");
        assertEquals(e1.id(), e2.id());
        assertEquals("threshold", e1.detector());
        assertEquals(List.of("v"), e1.channels());
        assertEquals(2.0, e1.value());
        assertEquals("reading-1", e1.readingId());
    }

    @Test
    void configRoundTripsThroughJsonWithDefaultsFilledIn() throws Exception {
        ObjectMapper om = new ObjectMapper();
        DetectorConfig c = om.readValue("{\"deviceId\":\"d1\",\"channels\":[{\"name\":\"p\",\"unit\":\"bar\","
                + "\"alarmHigh\":3.0}],\"mewma\":{\"thresholdFactor\":4.0}}", DetectorConfig.class);
        assertEquals("d1", c.deviceId());
        assertEquals(4.0, c.mewma().thresholdFactor());
        assertEquals(0.1, c.mewma().lambda());
        assertEquals(400, c.trainSamples());
        assertEquals(40, c.alarm().hold());
        assertEquals(DetectorConfig.DEFAULT_DETECTORS, c.detectors());
        assertEquals(c, om.readValue(om.writeValueAsString(c), DetectorConfig.class));
    }
}
