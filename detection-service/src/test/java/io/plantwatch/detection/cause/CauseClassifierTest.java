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
                case "sensor fault" -> { // pressure transmitter fails low: far from every labelled cause
                    x[0] = 0.2 * r.nextGaussian();
                }
                case "motor overload" -> { // current and temperature up, flow up: a direction no label has
                    x[1] += 8;
                    x[2] += 2.5;
                    x[4] += 6;
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

    static List<CauseClassifier.Labelled> labelled() {
        List<CauseClassifier.Labelled> labelled = new ArrayList<>();
        for (String cause : CAUSES) {
            for (int k = 0; k < 8; k++) {
                labelled.add(new CauseClassifier.Labelled(window(cause, 100 + k * 7L + cause.length()), cause));
            }
        }
        return labelled;
    }

    @Test
    void windowsUnlikeEveryLabelAreUnknownWhileLabelledCausesKeepTheirConfidence() {
        double floor = 0.6; // plantwatch.causes.confidence-floor
        CauseClassifier trained = CauseClassifier.train(labelled());
        // as stored: Tribuo bytes + the guard's JSON
        CauseClassifier c = CauseClassifier.fromStored(trained.bytes(), trained.guard().toJson());
        assertTrue(c.guard().bound() > 0);

        int overconfident = 0;
        for (String stranger : List.of("sensor fault", "motor overload")) {
            for (int k = 0; k < 5; k++) {
                CauseClassifier.Suggestion s = c.suggest(window(stranger, 700 + k * 11L), floor);
                System.out.printf("%s window %d: best guess %s at %.3f, distance %.2f (bound %.2f)%n", stranger, k,
                        s.bestGuess(), s.confidence(), s.distance(), s.bound());
                assertTrue(s.outOfDistribution(), stranger + " is far from every labelled class: " + s);
                assertEquals(CauseClassifier.UNKNOWN, s.cause(), stranger + " gets no guess: " + s);
                if (s.confidence() >= floor) {
                    overconfident++;
                }
            }
        }
        System.out.printf("out-of-distribution windows the confidence floor alone would have named: %d of 10%n",
                overconfident);
        assertTrue(overconfident > 0, "the floor alone lets some of these through: the guard is what stops them");

        int named = 0;
        for (String cause : CAUSES) {
            for (int k = 0; k < 6; k++) {
                CauseClassifier.Suggestion s = c.suggest(window(cause, 5000 + k * 13L + cause.length()), floor);
                if (s.cause().equals(cause)) {
                    named++;
                    assertTrue(s.confidence() >= floor, s.toString());
                    assertTrue(!s.outOfDistribution(), s.toString());
                }
            }
        }
        System.out.printf("unseen labelled-cause windows named with the guard on: %d of 18%n", named);
        assertTrue(named >= 17, named + " of 18 unseen windows of labelled causes keep their cause");
    }
}
