package io.plantwatch.detection.cause;

import io.plantwatch.detection.cause.service.CauseClassifier;
import io.plantwatch.detection.cause.service.CauseFeatures;
import io.plantwatch.detection.model.service.PresetModels;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cause classifier trained on synthetic labelled pump windows with known causes. */
class CauseClassifierTest {

    static final List<String> CHANNELS = List.of("pressure", "flow", "current", "vibration", "temperature");
    static final List<String> CAUSES = List.of("valve closed", "bearing wear", "cavitation");

    /** Features of a window of the cause after a normal baseline (pump channels in the preset's order). */
    static Map<String, Double> window(String cause, long seed) {
        double[][] rows = PresetModels.pump(150, seed);
        Random r = new Random(seed * 31);
        List<double[]> baseline = new ArrayList<>(Arrays.asList(rows).subList(0, 120));
        List<double[]> window = new ArrayList<>();
        for (int i = 120; i < 150; i++) {
            double[] x = rows[i].clone();
            switch (cause) {
                case "valve closed" -> { // dead-heading: pressure up, flow and current down
                    x[0] += 0.5;
                    x[1] -= 12;
                    x[2] -= 1.0;
                }
                case "bearing wear" -> { // vibration and bearing temperature up, hydraulics unchanged
                    x[3] += 0.6 + 0.3 * r.nextGaussian();
                    x[4] += 3;
                }
                case "cavitation" -> { // noisy pressure, flow loss, vibration bursts
                    x[0] += 0.4 * r.nextGaussian();
                    x[1] -= 5;
                    x[3] += Math.abs(0.8 * r.nextGaussian());
                }
                default -> { }
            }
            window.add(x);
        }
        return CauseFeatures.of(CHANNELS, baseline, window);
    }

    @Test
    void learnsTheLabelledCausesAndSaysUnknownWhenUnsure() {
        List<CauseClassifier.Labelled> labelled = new ArrayList<>();
        for (String cause : CAUSES) {
            for (int k = 0; k < 8; k++) {
                labelled.add(new CauseClassifier.Labelled(window(cause, 100 + k * 7L + cause.length()), cause));
            }
        }
        CauseClassifier c = CauseClassifier.fromBytes(CauseClassifier.train(labelled).bytes()); // via protobuf
        int right = 0;
        int total = 0;
        double weakest = 1;
        for (String cause : CAUSES) {
            for (int k = 0; k < 6; k++) {
                CauseClassifier.Suggestion s = c.suggest(window(cause, 5000 + k * 13L + cause.length()), 0.0);
                total++;
                if (s.cause().equals(cause)) {
                    right++;
                    weakest = Math.min(weakest, s.confidence());
                }
            }
        }
        System.out.printf("cause classifier on unseen synthetic windows: %d of %d right, weakest confidence %.3f%n",
                right, total, weakest);
        assertTrue(right >= total - 1, right + " of " + total + " unseen windows classified right");
        CauseClassifier.Suggestion sure = c.suggest(window("valve closed", 9001), 0.5);
        assertEquals("valve closed", sure.cause());
        CauseClassifier.Suggestion floorTooHigh = c.suggest(window("valve closed", 9001), sure.confidence() + 1e-6);
        assertEquals(CauseClassifier.UNKNOWN, floorTooHigh.cause(), "below the floor it never guesses");
        assertEquals("valve closed", floorTooHigh.bestGuess());
    }

    @Test
    void oneCauseIsNotEnoughToTellCausesApart() {
        assertThrows(IllegalArgumentException.class, () -> CauseClassifier.train(List.of(
                new CauseClassifier.Labelled(window("cavitation", 1), "cavitation"),
                new CauseClassifier.Labelled(window("cavitation", 2), "cavitation"))));
    }
}
