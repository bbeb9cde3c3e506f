package io.plantwatch.detection.forecast.service;

import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.sgd.linear.LinearSGDTrainer;
import org.tribuo.regression.sgd.objectives.SquaredLoss;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Forecasts one channel with a Tribuo linear regression (LinearSGD, squared loss, AdaGrad) on lag and calendar
 * features, recursively (each predicted step feeds the lags of the next). Features of step t: y(t−1), y(t−2),
 * y(t−season), y(t−season+1), y(t−season−1) and hour-of-day / day-of-week harmonics (UTC), all on the standardised
 * series. Accuracy is measured honestly with a rolling-origin backtest (train before each origin, forecast the
 * horizon, compare) against the seasonal-naive forecast (the same time one season earlier); prediction intervals are
 * the empirical 5 %–95 % quantiles of the backtest errors per horizon bucket. Plain Java, no framework.
 */
public final class Forecaster {

    static final String[] FEATURES = {"lag1", "lag2", "lagSeason", "lagSeasonMinus1", "lagSeasonPlus1", "hourSin",
            "hourCos", "hour2Sin", "hour2Cos", "weekSin", "weekCos"};
    private static final int BUCKETS = 6;

    private Forecaster() {
    }

    /** A regular series: values every {@code stepMillis} from {@code startMillis}. */
    public record Series(long startMillis, long stepMillis, double[] values) {
        public long tsOf(int i) {
            return startMillis + i * stepMillis;
        }
    }

    /** One forecast point with its prediction interval. */
    public record Point(Instant ts, double value, double low, double high) {
    }

    /**
     * Rolling-origin backtest errors.
     *
     * @param origins   forecast origins tried
     * @param horizon   steps forecast from each origin
     * @param mape      mean absolute percentage error of the model (%; NaN when the series touches 0)
     * @param rmse      root mean squared error of the model
     * @param naiveMape the same for the seasonal-naive forecast
     * @param naiveRmse the same for the seasonal-naive forecast
     * @param skill     1 − rmse / naiveRmse (above 0: better than seasonal-naive)
     */
    public record Accuracy(int origins, int horizon, double mape, double rmse, double naiveMape, double naiveRmse,
            double skill) {
    }

    /** A forecast and how good such forecasts were on the history. */
    public record Result(List<Point> points, Accuracy accuracy, int seasonSteps, long stepMillis, int trainedOn) {
    }

    /**
     * Resamples samples to a regular step (bucket means; empty buckets take the previous value).
     *
     * @param ts     sample times (ascending), epoch ms
     * @param values sample values
     */
    public static Series resample(long[] ts, double[] values, long stepMillis) {
        long start = Math.floorDiv(ts[0], stepMillis) * stepMillis;
        int n = (int) ((ts[ts.length - 1] - start) / stepMillis) + 1;
        double[] sum = new double[n];
        int[] count = new int[n];
        for (int i = 0; i < ts.length; i++) {
            int k = (int) ((ts[i] - start) / stepMillis);
            sum[k] += values[i];
            count[k]++;
        }
        double[] out = new double[n];
        double last = values[0];
        for (int k = 0; k < n; k++) {
            out[k] = count[k] > 0 ? sum[k] / count[k] : last;
            last = out[k];
        }
        return new Series(start, stepMillis, out);
    }

    /**
     * Fits on the whole series, forecasts {@code horizon} steps past its end and backtests from
     * {@code origins} rolling origins.
     *
     * @param seasonSteps steps per season (e.g. 24 for a daily season of hourly steps)
     */
    public static Result forecast(Series series, int horizon, int seasonSteps, int origins) {
        double[] y = series.values();
        int minTrain = minTrain(seasonSteps);
        if (y.length < minTrain + horizon) {
            throw new IllegalArgumentException("the history holds " + y.length + " steps; a forecast of " + horizon
                    + " steps with a season of " + seasonSteps + " needs at least " + (minTrain + horizon));
        }
        // rolling origin: the last `origins` windows of `horizon` steps, each forecast from what came before it
        int k = Math.max(1, Math.min(origins, (y.length - minTrain) / horizon));
        List<double[]> errorsByStep = new ArrayList<>();
        double se = 0;
        double seNaive = 0;
        double ape = 0;
        double apeNaive = 0;
        int count = 0;
        boolean zero = false;
        double[][] absErr = new double[horizon][k];
        for (int o = 0; o < k; o++) {
            int origin = y.length - (k - o) * horizon;
            double[] fc = fitAndPredict(series, origin, horizon, seasonSteps);
            for (int h = 0; h < horizon; h++) {
                double actual = y[origin + h];
                double naive = seasonalNaive(y, origin, h, seasonSteps);
                double e = fc[h] - actual;
                se += e * e;
                seNaive += (naive - actual) * (naive - actual);
                if (Math.abs(actual) < 1e-12) {
                    zero = true;
                } else {
                    ape += Math.abs(e / actual);
                    apeNaive += Math.abs((naive - actual) / actual);
                }
                absErr[h][o] = e;
                count++;
            }
        }
        double rmse = Math.sqrt(se / count);
        double naiveRmse = Math.sqrt(seNaive / count);
        Accuracy acc = new Accuracy(k, horizon, zero ? Double.NaN : 100 * ape / count,
                rmse, zero ? Double.NaN : 100 * apeNaive / count, naiveRmse,
                naiveRmse > 0 ? 1 - rmse / naiveRmse : 0);
        // intervals: error quantiles per horizon bucket (pooled over origins)
        double[] lowQ = new double[horizon];
        double[] highQ = new double[horizon];
        int per = (int) Math.ceil(horizon / (double) BUCKETS);
        for (int b = 0; b * per < horizon; b++) {
            int from = b * per;
            int to = Math.min(horizon, from + per);
            double[] pool = new double[(to - from) * k];
            int p = 0;
            for (int h = from; h < to; h++) {
                for (int o = 0; o < k; o++) {
                    pool[p++] = absErr[h][o];
                }
            }
            Arrays.sort(pool);
            double lo = quantile(pool, 0.05);
            double hi = quantile(pool, 0.95);
            for (int h = from; h < to; h++) {
                lowQ[h] = lo;
                highQ[h] = hi;
            }
        }
        double[] fc = fitAndPredict(series, y.length, horizon, seasonSteps);
        List<Point> points = new ArrayList<>(horizon);
        for (int h = 0; h < horizon; h++) {
            // error = forecast − actual, so actual = forecast − error
            points.add(new Point(Instant.ofEpochMilli(series.tsOf(y.length + h)), fc[h], fc[h] - highQ[h],
                    fc[h] - lowQ[h]));
        }
        errorsByStep.clear();
        return new Result(points, acc, seasonSteps, series.stepMillis(), y.length);
    }

    static int minTrain(int seasonSteps) {
        return 2 * seasonSteps + 2;
    }

    /** Seasonal-naive: the value one (or more, beyond one season ahead) season(s) before, from known data only. */
    static double seasonalNaive(double[] y, int origin, int h, int season) {
        int back = season * ((h / season) + 1);
        return y[origin + h - back];
    }

    /** Trains on y[0, origin) and forecasts steps origin .. origin+horizon−1 recursively. */
    static double[] fitAndPredict(Series series, int origin, int horizon, int season) {
        double[] y = series.values();
        double mean = 0;
        for (int i = 0; i < origin; i++) {
            mean += y[i];
        }
        mean /= origin;
        double var = 0;
        for (int i = 0; i < origin; i++) {
            var += (y[i] - mean) * (y[i] - mean);
        }
        double sd = Math.sqrt(var / origin);
        if (!(sd > 1e-12)) {
            double[] flat = new double[horizon];
            Arrays.fill(flat, mean);
            return flat;
        }
        double[] z = new double[origin + horizon];
        for (int i = 0; i < origin; i++) {
            z[i] = (y[i] - mean) / sd;
        }
        RegressionFactory factory = new RegressionFactory();
        MutableDataset<Regressor> ds = new MutableDataset<>(new SimpleDataSourceProvenance("plantwatch history",
                factory), factory);
        for (int t = season + 1; t < origin; t++) {
            ds.add(new ArrayExample<>(new Regressor("y", z[t]), FEATURES, features(z, t, season, series.tsOf(t))));
        }
        LinearSGDTrainer trainer = new LinearSGDTrainer(new SquaredLoss(), new AdaGrad(0.1, 0.1), 15, -1, 1, 17L);
        Model<Regressor> model = trainer.train(ds);
        double[] out = new double[horizon];
        for (int h = 0; h < horizon; h++) {
            int t = origin + h;
            Example<Regressor> ex = new ArrayExample<>(new Regressor("y", Double.NaN), FEATURES,
                    features(z, t, season, series.tsOf(t)));
            Prediction<Regressor> p = model.predict(ex);
            z[t] = p.getOutput().getValues()[0];
            out[h] = mean + sd * z[t];
        }
        return out;
    }

    static double[] features(double[] z, int t, int season, long tsMillis) {
        ZonedDateTime time = Instant.ofEpochMilli(tsMillis).atZone(ZoneOffset.UTC);
        double hour = (time.getHour() + time.getMinute() / 60.0) / 24.0;
        double week = (time.getDayOfWeek().getValue() - 1 + hour) / 7.0;
        return new double[] {z[t - 1], z[t - 2], z[t - season], z[t - season + 1], z[t - season - 1],
                Math.sin(2 * Math.PI * hour), Math.cos(2 * Math.PI * hour), Math.sin(4 * Math.PI * hour),
                Math.cos(4 * Math.PI * hour), Math.sin(2 * Math.PI * week), Math.cos(2 * Math.PI * week)};
    }

    private static double quantile(double[] sorted, double q) {
        if (sorted.length == 1) {
            return sorted[0];
        }
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
