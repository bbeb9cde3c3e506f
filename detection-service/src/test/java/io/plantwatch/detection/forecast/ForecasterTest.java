package io.plantwatch.detection.forecast;

import io.plantwatch.detection.forecast.service.Forecaster;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Tribuo regression forecast on synthetic seasonal series with known structure. */
class ForecasterTest {

    static final long HOUR = 3_600_000L;
    static final Instant T0 = Instant.parse("2026-01-05T00:00:00Z"); // a Monday

    /**
     * Hourly power of a plant: 100 kW base, a daily cycle (±20 kW, peak mid-day), 15 kW less at weekends and AR(1)
     * noise (ρ = 0.8, σ = 2 kW).
     */
    static Forecaster.Series plant(int days, long seed) {
        Random r = new Random(seed);
        double[] y = new double[days * 24];
        double noise = 0;
        for (int i = 0; i < y.length; i++) {
            Instant t = T0.plusMillis(i * HOUR);
            DayOfWeek dow = t.atZone(ZoneOffset.UTC).getDayOfWeek();
            double hour = t.atZone(ZoneOffset.UTC).getHour();
            noise = 0.8 * noise + 2 * r.nextGaussian();
            y[i] = 100 + 20 * Math.sin(2 * Math.PI * (hour - 6) / 24)
                    - (dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY ? 15 : 0) + noise;
        }
        return new Forecaster.Series(T0.toEpochMilli(), HOUR, y);
    }

    @Test
    void beatsSeasonalNaiveOnASyntheticSeasonalSeries() {
        Forecaster.Result r = Forecaster.forecast(plant(42, 1), 48, 24, 6);
        Forecaster.Accuracy a = r.accuracy();
        System.out.printf("forecast accuracy (48 h, 6 rolling origins, 42 days hourly): RMSE %.3f vs seasonal-naive"
                + " %.3f, MAPE %.2f %% vs %.2f %%, skill %.3f%n", a.rmse(), a.naiveRmse(), a.mape(), a.naiveMape(),
                a.skill());
        assertEquals(6, a.origins());
        assertTrue(a.rmse() < a.naiveRmse(), "RMSE " + a.rmse() + " vs seasonal-naive " + a.naiveRmse());
        assertTrue(a.mape() < a.naiveMape(), "MAPE " + a.mape() + " vs seasonal-naive " + a.naiveMape());
        assertTrue(a.skill() > 0.1, "clearly better than seasonal-naive: skill " + a.skill());
        assertEquals(48, r.points().size());
        assertEquals(T0.plusMillis(42 * 24 * HOUR), r.points().get(0).ts(), "the forecast starts after the history");
        for (Forecaster.Point p : r.points()) {
            assertTrue(p.low() <= p.value() && p.value() <= p.high(), "interval holds the forecast: " + p);
        }
    }

    @Test
    void intervalsCoverMostOfWhatFollows() {
        Forecaster.Series all = plant(44, 2);
        int cut = 42 * 24;
        double[] history = java.util.Arrays.copyOf(all.values(), cut);
        Forecaster.Result r = Forecaster.forecast(new Forecaster.Series(all.startMillis(), HOUR, history), 48, 24, 8);
        int inside = 0;
        for (int h = 0; h < 48; h++) {
            double actual = all.values()[cut + h];
            Forecaster.Point p = r.points().get(h);
            if (actual >= p.low() && actual <= p.high()) {
                inside++;
            }
        }
        assertTrue(inside >= 34, "a 90 % interval holds most of the next 48 h: " + inside + " of 48");
    }

    @Test
    void resamplingAveragesBucketsAndCarriesGapsForward() {
        long[] ts = {0, 10_000, 20_000, 70_000, 130_000};
        double[] v = {1, 2, 3, 10, 20};
        Forecaster.Series s = Forecaster.resample(ts, v, 60_000);
        assertEquals(3, s.values().length);
        assertEquals(2.0, s.values()[0], 1e-12);
        assertEquals(10.0, s.values()[1], 1e-12);
        assertEquals(20.0, s.values()[2], 1e-12);
    }

    @Test
    void tooShortAHistoryIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Forecaster.forecast(plant(2, 3), 48, 24, 3));
    }
}
