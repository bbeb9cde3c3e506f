package io.plantwatch.detection.model.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.plantwatch.detection.backtest.Sample;
import io.plantwatch.detection.configuration.service.ConfigMerger;
import io.plantwatch.detection.detector.DetectorConfig;
import io.plantwatch.detection.detector.DeviceDetector;
import io.plantwatch.detection.detector.multivariate.MultivariateDetector;
import io.plantwatch.detection.detector.multivariate.OcsvmDetector;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Trains one device-level detector (the registry's algorithms: {@code mewma}, {@code pca}, {@code ocsvm}) on a
 * device's samples, exactly as the live engine would at the end of its warm-up, and measures it: the most recent
 * {@code heldBackFraction} of the rows is not used for fitting but replayed through the stored model, and the share of
 * those rows it fires on is the false-alarm rate (training data are assumed normal). Plain Java, no framework.
 */
public final class ModelTrainer {

    /** The algorithms a model may use. */
    public static final List<String> ALGORITHMS = List.of(DetectorConfig.MEWMA, DetectorConfig.PCA,
            DetectorConfig.OCSVM);

    private ModelTrainer() {
    }

    /** Receives the progress of a training in percent (0..100, increasing). */
    @FunctionalInterface
    public interface Progress {
        void report(int percent);
    }

    /** What a training produced. */
    public record Result(byte[] state, int samples, int trainSamples, int heldBackSamples, double threshold,
            double falseAlarmRate, long trainMillis, String tribuoProvenance) {
    }

    /** Rows of a device's channels (in the given order) and their times. */
    public record Rows(double[][] values, long[] tsMillis) {
        public int size() {
            return values.length;
        }

        /** The rows as bytes (stored with a queued training so that any instance can resume it). */
        public byte[] toBytes() {
            int width = values.length == 0 ? 0 : values[0].length;
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 + values.length * (8 + 8 * width));
            b.putInt(values.length).putInt(width);
            for (int i = 0; i < values.length; i++) {
                b.putLong(tsMillis[i]);
                for (double v : values[i]) {
                    b.putDouble(v);
                }
            }
            return b.array();
        }

        public static Rows fromBytes(byte[] bytes) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes);
            int n = b.getInt();
            int width = b.getInt();
            double[][] values = new double[n][width];
            long[] ts = new long[n];
            for (int i = 0; i < n; i++) {
                ts[i] = b.getLong();
                for (int c = 0; c < width; c++) {
                    values[i][c] = b.getDouble();
                }
            }
            return new Rows(values, ts);
        }
    }

    /**
     * The configuration of a model: device, channels and the algorithm's parameters from {@code hyperparameters}
     * (a JSON object shaped like that algorithm's section of /detection/config; missing fields take the defaults).
     *
     * @throws IllegalArgumentException naming the bad field ({@code hyperparameters.x}) when a parameter is unknown
     *                                  or out of range
     */
    public static DetectorConfig modelConfig(String deviceId, List<String> channels, String algorithm,
            JsonNode hyperparameters) {
        if (!ALGORITHMS.contains(algorithm)) {
            throw new FieldException("algorithm", "must be one of " + ALGORITHMS + ", got '" + algorithm + "'");
        }
        JsonNode hp = hyperparameters == null || hyperparameters.isNull()
                ? ConfigMerger.mapper().createObjectNode() : hyperparameters;
        if (!hp.isObject()) {
            throw new FieldException("hyperparameters", "must be a JSON object");
        }
        DetectorConfig.Builder b = DetectorConfig.builder(deviceId).channels(channels.toArray(String[]::new))
                .detectors(algorithm).alarmDetectors(algorithm);
        try {
            switch (algorithm) {
                case DetectorConfig.MEWMA -> b.mewma(ConfigMerger.mapper().treeToValue(hp,
                        DetectorConfig.MewmaParams.class));
                case DetectorConfig.PCA -> b.pca(ConfigMerger.mapper().treeToValue(hp, DetectorConfig.PcaParams.class));
                default -> b.ocsvm(ConfigMerger.mapper().treeToValue(hp, DetectorConfig.OcsvmParams.class));
            }
            return b.build();
        } catch (UnrecognizedPropertyException e) {
            throw new FieldException("hyperparameters." + e.getPropertyName(), "is not a parameter of " + algorithm
                    + "; known: " + e.getKnownPropertyIds());
        } catch (JsonProcessingException e) {
            String field = e instanceof com.fasterxml.jackson.databind.JsonMappingException m && !m.getPath().isEmpty()
                    ? "hyperparameters." + m.getPath().get(0).getFieldName() : "hyperparameters";
            throw new FieldException(field, e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            throw new FieldException("hyperparameters", e.getMessage());
        }
    }

    /** A bad field of a training request. */
    public static final class FieldException extends IllegalArgumentException {
        private final String field;

        public FieldException(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /**
     * The rows the live engine would see: each channel carries its last value forward (as a device's row does when a
     * channel skips a sample); rows before every channel has a value are dropped.
     */
    public static Rows rows(List<Sample> samples, List<String> channels) {
        int d = channels.size();
        double[] last = new double[d];
        java.util.Arrays.fill(last, Double.NaN);
        List<double[]> out = new ArrayList<>(samples.size());
        List<Long> ts = new ArrayList<>(samples.size());
        for (Sample s : samples) {
            boolean complete = true;
            for (int c = 0; c < d; c++) {
                Double v = s.values().get(channels.get(c));
                if (v != null && !v.isNaN()) {
                    last[c] = v;
                }
                complete &= !Double.isNaN(last[c]);
            }
            if (complete) {
                out.add(last.clone());
                ts.add(s.ts().toEpochMilli());
            }
        }
        long[] t = new long[ts.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = ts.get(i);
        }
        return new Rows(out.toArray(new double[0][]), t);
    }

    /**
     * Fits the model on the older part of {@code rows} and measures it on the held-back newer part.
     *
     * @param config from {@link #modelConfig}
     */
    public static Result train(DetectorConfig config, String algorithm, Rows rows, double heldBackFraction,
            Progress progress) {
        long start = System.nanoTime();
        List<String> channels = config.channels().stream().map(DetectorConfig.ChannelConfig::name).toList();
        int n = rows.size();
        int heldBack = (int) Math.floor(n * heldBackFraction);
        int fit = n - heldBack;
        List<String> units = Collections.nCopies(channels.size(), "");
        progress.report(20);
        MultivariateDetector trained = DeviceDetector.deviceLevel(algorithm, config, channels, units);
        trained.train(rows.values(), rows.tsMillis(), fit);
        progress.report(60);
        byte[] state = stateOf(trained);
        // the held-back rows go through the model as stored, which also proves the bytes restore
        MultivariateDetector measured = DeviceDetector.deviceLevel(algorithm, config, channels, units);
        restoreInto(measured, state);
        int fired = 0;
        int step = Math.max(1, heldBack / 20);
        for (int i = fit; i < n; i++) {
            if (measured.update(rows.tsMillis()[i], rows.values()[i])) {
                fired++;
            }
            if ((i - fit) % step == step - 1) {
                progress.report(60 + (int) (35L * (i - fit + 1) / heldBack));
            }
        }
        String tribuo = trained instanceof OcsvmDetector o && o.model() != null
                ? o.model().getProvenance().toString() : null;
        return new Result(state, n, fit, heldBack, trained.threshold(), heldBack == 0 ? 0.0 : (double) fired / heldBack,
                (System.nanoTime() - start) / 1_000_000, tribuo);
    }

    /** A trained detector's state bytes, as {@link DeviceDetector.PretrainedModel#state()} expects them. */
    public static byte[] stateOf(MultivariateDetector d) {
        try {
            ByteArrayOutputStream bo = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bo);
            d.writeState(out);
            out.flush();
            return bo.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void restoreInto(MultivariateDetector d, byte[] state) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
            d.readState(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("corrupt model state: " + e.getMessage(), e);
        }
    }
}
