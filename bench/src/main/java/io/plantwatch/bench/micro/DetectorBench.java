package io.plantwatch.bench.micro;

import io.plantwatch.detection.detector.ChannelContext;
import io.plantwatch.detection.detector.DetectorConfig;
import io.plantwatch.detection.detector.DeviceDetector;
import io.plantwatch.detection.detector.channel.ChannelDetector;
import io.plantwatch.detection.detector.channel.EwmaDetector;
import io.plantwatch.detection.detector.channel.FlatlineDetector;
import io.plantwatch.detection.detector.channel.RateDetector;
import io.plantwatch.detection.detector.channel.RobustZDetector;
import io.plantwatch.detection.detector.channel.ThresholdDetector;
import io.plantwatch.detection.detector.multivariate.MewmaDetector;
import io.plantwatch.detection.detector.multivariate.MultivariateDetector;
import io.plantwatch.detection.detector.multivariate.OcsvmDetector;
import io.plantwatch.detection.detector.multivariate.PcaT2QDetector;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Cost per sample of each detector (already trained, in steady state), and of the whole engine per device sample.
 * Per-channel detectors are measured on one channel; device-level ones on an 8-channel device.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DetectorBench {

    static final int N = 1 << 13;
    static final int MASK = N - 1;
    static final int TRAIN = 1000;

    /** A noisy channel with a daily-like cycle (so the seasonal path of zscore is exercised when enabled). */
    static double[] channel(long seed, int period) {
        Random r = new Random(seed);
        double[] x = new double[N];
        for (int i = 0; i < N; i++) {
            x[i] = 50 + 2 * r.nextGaussian() + (period > 0 && (i % period) >= period * 2 / 3 ? 30 : 0);
        }
        return x;
    }

    static double[][] device(long seed) {
        Random r = new Random(seed);
        double[][] x = new double[N][8];
        for (int i = 0; i < N; i++) {
            double a = r.nextGaussian();
            for (int c = 0; c < 8; c++) {
                x[i][c] = 10 * (c + 1) + (c < 4 ? a : 0) + r.nextGaussian();
            }
        }
        return x;
    }

    static long[] times() {
        long[] t = new long[N];
        for (int i = 0; i < N; i++) {
            t[i] = 1_700_000_000_000L + 1000L * i;
        }
        return t;
    }

    @State(Scope.Thread)
    public static class Channel {
        @Param({"zscore", "zscore-seasonal", "ewma", "rate", "flatline", "threshold"})
        public String detector;
        ChannelDetector d;
        double[] x;
        long[] t;
        int i;

        @Setup(Level.Trial)
        public void setup() {
            ChannelContext ctx = new ChannelContext("v", "", 1.0);
            x = channel(1, detector.equals("zscore-seasonal") ? 96 : 0);
            t = times();
            DetectorConfig cfg = DetectorConfig.defaults("bench");
            d = switch (detector) {
                case "zscore", "zscore-seasonal" -> new RobustZDetector(ctx, cfg.zscore());
                case "ewma" -> new EwmaDetector(ctx, cfg.ewma(), cfg.mewma(), 40);
                case "rate" -> new RateDetector(ctx, cfg.rate());
                case "flatline" -> new FlatlineDetector(ctx, cfg.flatline());
                case "threshold" -> new ThresholdDetector(ctx,
                        new DetectorConfig.ChannelConfig("v", null, 0.0, 200.0, 10.0, 100.0, null, null));
                default -> throw new IllegalArgumentException(detector);
            };
            d.train(x, t, TRAIN);
            if (detector.equals("zscore-seasonal") && ((RobustZDetector) d).period() == 0) {
                throw new IllegalStateException("seasonal path not exercised");
            }
            i = TRAIN;
        }
    }

    @Benchmark
    public boolean channelUpdate(Channel s) {
        int k = s.i++ & MASK;
        return s.d.update(s.t[k], s.x[k]);
    }

    @State(Scope.Thread)
    public static class Device {
        @Param({"mewma", "pca", "ocsvm"})
        public String detector;
        MultivariateDetector d;
        double[][] x;
        long[] t;
        int i;

        @Setup(Level.Trial)
        public void setup() {
            List<String> names = new ArrayList<>();
            List<String> units = new ArrayList<>();
            for (int c = 0; c < 8; c++) {
                names.add("c" + c);
                units.add("");
            }
            DetectorConfig cfg = DetectorConfig.defaults("bench");
            d = switch (detector) {
                case "mewma" -> new MewmaDetector("bench", names, units, 1.0, cfg.mewma(), 40);
                case "pca" -> new PcaT2QDetector("bench", names, units, 1.0, cfg.pca());
                case "ocsvm" -> new OcsvmDetector("bench", names, units, 1.0, cfg.ocsvm());
                default -> throw new IllegalArgumentException(detector);
            };
            x = device(2);
            t = times();
            d.train(x, t, TRAIN);
            i = TRAIN;
        }
    }

    @Benchmark
    public boolean deviceUpdate(Device s) {
        int k = s.i++ & MASK;
        return s.d.update(s.t[k], s.x[k]);
    }

    @State(Scope.Thread)
    public static class Engine {
        /** default: the default detector set; all: including the Tribuo one-class SVM. */
        @Param({"default", "all"})
        public String set;
        DeviceDetector d;
        List<Map<String, Double>> rows;
        Instant[] ts;
        int i;

        @Setup(Level.Trial)
        public void setup() {
            double[][] x = device(3);
            rows = new ArrayList<>();
            ts = new Instant[N];
            for (int k = 0; k < N; k++) {
                Map<String, Double> m = new LinkedHashMap<>();
                for (int c = 0; c < 8; c++) {
                    m.put("c" + c, x[k][c]);
                }
                rows.add(m);
                ts[k] = Instant.ofEpochMilli(1_700_000_000_000L + 1000L * k);
            }
            DetectorConfig.Builder b = DetectorConfig.builder("bench").trainSamples(TRAIN);
            if (set.equals("all")) {
                b.detectors(DetectorConfig.ALL_DETECTORS.toArray(new String[0]));
            }
            d = new DeviceDetector(b.build());
            for (int k = 0; k < TRAIN + 10; k++) {
                d.evaluate(ts[k], rows.get(k));
            }
            i = TRAIN + 10;
        }
    }

    /** One 8-channel device sample through the whole engine (all per-channel and device-level detectors). */
    @Benchmark
    public Object engineEvaluate(Engine s) {
        int k = s.i++;
        // time moves on monotonically even when the data wraps around
        Instant ts = Instant.ofEpochMilli(1_700_000_000_000L + 1000L * k);
        return s.d.evaluate(ts, s.rows.get(k & MASK));
    }
}
