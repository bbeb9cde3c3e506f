package io.plantwatch.detection.detector;

import io.plantwatch.contracts.event.AnomalyEvent;
import io.plantwatch.contracts.event.AnomalyType;
import io.plantwatch.detection.detector.multivariate.OcsvmDetector;
import io.plantwatch.detection.detector.multivariate.PcaModel;
import io.plantwatch.detection.detector.multivariate.ReconstructionScorer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Device-level detectors on a correlation break: every channel stays in its normal range, their relation does not. */
class MultivariateDetectorsTest {

    private static final List<String> CH = List.of("speed", "current", "vibration");

    /** current follows speed; vibration is independent. From row {@code breakAt} current stops following. */
    static double[][] correlated(int n, int breakAt, long seed) {
        Random r = new Random(seed);
        double[][] x = new double[n][3];
        for (int i = 0; i < n; i++) {
            double speed = r.nextGaussian();
            x[i][0] = 1500 + 50 * speed;
            double follow = i < breakAt ? speed : -speed; // same marginal distribution, inverted relation
            x[i][1] = 10 + 2 * follow + 0.3 * r.nextGaussian();
            x[i][2] = 0.5 + 0.05 * r.nextGaussian();
        }
        return x;
    }

    private static DeviceDetector engine(String... detectors) {
        return new DeviceDetector(DetectorConfig.builder("pump-1").channels(CH.toArray(new String[0]))
                .detectors(detectors).trainSamples(500).build());
    }

    @Test
    void mewmaFindsACorrelationBreakThatNoChannelShowsAlone() {
        double[][] x = correlated(2000, 1400, 11);
        DeviceDetector d = engine("mewma", "zscore");
        List<SampleResult> r = Signals.run(d, CH, x);
        List<Integer> mv = Signals.firing(r, "mewma");
        assertTrue(mv.stream().noneMatch(i -> i < 1400), "no false alarm before the break: " + mv);
        int first = mv.stream().findFirst().orElse(-1);
        assertTrue(first >= 1400 && first < 1440, "break found quickly, got " + first);
        Verdict v = Signals.verdicts(r, "mewma").get(0);
        assertEquals(AnomalyType.MULTIVARIATE, v.type());
        assertEquals(AnomalyEvent.ALL_CHANNELS, v.channel());
        // the relation between speed and current broke: both are named, the independent vibration is not
        assertEquals(Set.of("speed", "current"), Set.copyOf(v.channels().subList(0, 2)), v.toString());
        assertFalse(v.message().contains("vibration"), v.message());
        assertEquals("mewma:pump-1:n500", v.modelId());
        assertTrue(r.get(first).alarmOnset(), "mewma opens the device alarm on a multi-channel device");
        int onsets = Signals.onsets(r);
        assertTrue(onsets >= 1 && onsets <= 3, "the break opens an alarm (it may flicker, it is weak): " + onsets);
        int active = Signals.activeRows(r.subList(1400, 2000));
        assertTrue(active >= 400, "the device is in alarm for most of the break: " + active);
        long zAfter = Signals.firing(r, "zscore").stream().filter(i -> i >= 1400).count();
        assertTrue(zAfter <= 3, "the per-channel z-score barely sees it: " + zAfter);
    }

    @Test
    void pcaFindsTheCorrelationBreakByItsReconstructionError() {
        double[][] x = correlated(2000, 1400, 12);
        List<SampleResult> r = Signals.run(engine("pca"), CH, x);
        List<Integer> fired = Signals.firing(r, "pca");
        assertTrue(fired.stream().filter(i -> i < 1400).count() <= 3, "quiet before: " + fired);
        assertTrue(fired.stream().filter(i -> i >= 1400 && i < 1450).count() >= 10, "fires after: " + fired);
        Verdict v = Signals.verdicts(r, "pca").stream().filter(q -> q.ts().isAfter(Signals.ts(1400))).findFirst()
                .orElseThrow();
        assertTrue(v.message().contains("no longer move together"), v.message());
    }

    @Test
    void windowScoringWithAModelSeparatesNormalFromBrokenWindows() {
        double[][] train = correlated(500, Integer.MAX_VALUE, 13);
        PcaModel m = PcaModel.fit(train, train.length, 0.9, 0.99, 1.5);
        double[][] normal = java.util.Arrays.copyOfRange(correlated(24, Integer.MAX_VALUE, 14), 0, 24);
        double[][] broken = java.util.Arrays.copyOfRange(correlated(24, 0, 15), 0, 24);
        ReconstructionScorer.WindowResult ok = ReconstructionScorer.score(normal, m);
        ReconstructionScorer.WindowResult bad = ReconstructionScorer.score(broken, m);
        assertEquals(24, ok.samples());
        assertEquals(24, ok.reconstructionError().length);
        assertEquals("model", ok.reference());
        assertFalse(ok.anomaly(), "normal window: " + ok.anomalousCount());
        assertTrue(bad.anomaly(), "broken window");
        assertTrue(bad.anomalousCount() >= 12, "most samples of the broken window: " + bad.anomalousCount());
        // bytes round trip gives the same scores
        PcaModel copy = PcaModel.fromBytes(m.toBytes());
        assertArrayEquals(bad.reconstructionError(), ReconstructionScorer.score(broken, copy).reconstructionError());
    }

    @Test
    void windowScoringWithoutAModelFlagsTheOddSample() {
        double[][] w = correlated(24, Integer.MAX_VALUE, 16);
        w[17][1] = 10 - 2 * (w[17][0] - 1500) / 50; // one sample breaks the relation
        ReconstructionScorer.WindowResult r = ReconstructionScorer.score(w, null, 1);
        assertEquals("window", r.reference());
        assertTrue(r.anomalous()[17], "odd sample flagged");
        int argmax = 0;
        for (int i = 1; i < 24; i++) {
            if (r.reconstructionError()[i] > r.reconstructionError()[argmax]) {
                argmax = i;
            }
        }
        assertEquals(17, argmax);
        assertTrue(r.anomaly());
    }

    @Test
    void ocsvmTrainsScoresAndRoundTripsThroughProtobuf() {
        double[][] x = correlated(1600, 1200, 17);
        DeviceDetector d = engine("ocsvm");
        List<SampleResult> r = Signals.run(d, CH, x);
        List<Integer> fired = Signals.firing(r, "ocsvm");
        assertTrue(fired.stream().filter(i -> i < 1200).count() <= 10, "mostly quiet before: " + fired);
        assertTrue(fired.stream().filter(i -> i >= 1200).count() >= 100, "fires after the break: " + fired.size());
        OcsvmDetector o = (OcsvmDetector) d.deviceDetector("ocsvm");
        assertNotNull(o);
        byte[] bytes = o.modelBytes();
        assertTrue(bytes.length > 100);
        // a model deserialised from protobuf predicts exactly as the original
        var original = o.model();
        o.loadModel(bytes);
        var example = new org.tribuo.impl.ArrayExample<>(new org.tribuo.anomaly.Event(
                org.tribuo.anomaly.Event.EventType.UNKNOWN), new String[] {"f000", "f001", "f002"},
                new double[] {0.5, -1.0, 2.0});
        assertEquals(original.predict(example).getOutput().getScore(),
                o.model().predict(example).getOutput().getScore());
    }
}
