package io.plantwatch.detection.inference.service;

import io.plantwatch.contracts.api.ApiError;
import io.plantwatch.contracts.api.ApiException;
import io.plantwatch.detection.configuration.service.DeviceConfigs;
import io.plantwatch.detection.detector.DeviceDetector;
import io.plantwatch.detection.detector.multivariate.ReconstructionScorer;
import io.plantwatch.detection.pipeline.config.DetectionConfig;
import io.plantwatch.detection.pipeline.repository.SnapshotStore;
import io.plantwatch.detection.pipeline.repository.StoredState;
import io.plantwatch.detection.pipeline.service.DetectionEngine;
import io.plantwatch.detection.pipeline.service.Detectors;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * POST /infer: reconstruction error and anomaly status of a window of samples (e.g. 24 × channels), against the
 * device's trained PCA window model when there is one, else with the window as its own reference.
 */
@ApplicationScoped
public class InferService {

    private final DetectionEngine engine;
    private final SnapshotStore snapshots;
    private final DeviceConfigs configs;
    private final int maxRows;

    public InferService(DetectionEngine engine, SnapshotStore snapshots, DeviceConfigs configs,
            DetectionConfig config) {
        this.engine = engine;
        this.snapshots = snapshots;
        this.configs = configs;
        this.maxRows = config.maxInferRows();
    }

    /** A window as rows of numbers (column order = {@code channels}, or the model's) or as named samples. */
    public record Window(String deviceId, List<String> channels, List<List<Double>> rows,
            List<Map<String, Double>> samples, Integer minAnomalous) {
    }

    /**
     * @param reference            {@code model} (the device's trained model) or {@code window} (self-reference)
     * @param reconstructionError  per sample: squared reconstruction error (PCA Q statistic)
     * @param anomalous            per sample: beyond a limit
     * @param anomaly              the window as a whole (at least {@code minAnomalous} anomalous samples)
     * @param score                largest statistic / limit ratio (above 1 = anomalous)
     */
    public record InferResult(String deviceId, String reference, String modelId, String note, List<String> channels,
            int samples, int components, double[] reconstructionError, double[] t2, double qThreshold,
            double t2Threshold, boolean[] anomalous, int anomalousCount, boolean anomaly, String status,
            double score) {
    }

    public InferResult infer(Window w) {
        List<ApiError.FieldError> errors = new ArrayList<>();
        boolean hasRows = w.rows() != null;
        boolean hasSamples = w.samples() != null;
        if (hasRows == hasSamples) {
            throw ApiException.invalid("window", "give either window (rows of numbers) or samples (objects of"
                    + " channel values), e.g. 24 samples");
        }
        if (w.minAnomalous() != null && w.minAnomalous() < 1) {
            throw ApiException.invalid("minAnomalous", "must be at least 1");
        }
        int n = hasRows ? w.rows().size() : w.samples().size();
        String field = hasRows ? "window" : "samples";
        if (n == 0) {
            throw ApiException.invalid(field, "needs at least one sample");
        }
        if (n > maxRows) {
            throw ApiException.invalid(field, "has " + n + " samples; at most " + maxRows);
        }
        DetectionEngine.WindowModel model = null;
        String note = null;
        if (w.deviceId() != null && !w.deviceId().isBlank()) {
            model = modelOf(w.deviceId());
            if (model == null) {
                note = "device " + w.deviceId() + " has no trained window model yet (warm-up not done, or the pca"
                        + " detector is off): the window is its own reference";
            }
        }
        List<String> channels;
        double[][] x;
        if (hasRows) {
            channels = w.channels();
            int d = -1;
            x = new double[n][];
            for (int i = 0; i < n; i++) {
                List<Double> row = w.rows().get(i);
                if (row == null || row.isEmpty()) {
                    errors.add(new ApiError.FieldError("window[" + i + "]", "must be a non-empty list of numbers"));
                    continue;
                }
                if (d < 0) {
                    d = row.size();
                } else if (row.size() != d) {
                    errors.add(new ApiError.FieldError("window[" + i + "]", "has " + row.size()
                            + " values; every sample must have " + d + " (window[0] has " + d + ")"));
                    continue;
                }
                x[i] = new double[row.size()];
                for (int j = 0; j < row.size(); j++) {
                    Double v = row.get(j);
                    if (v == null || !Double.isFinite(v)) {
                        errors.add(new ApiError.FieldError("window[" + i + "][" + j + "]", "must be a finite number"));
                    } else {
                        x[i][j] = v;
                    }
                }
            }
            if (!errors.isEmpty()) {
                throw ApiException.invalid(errors);
            }
            if (channels != null && channels.size() != d) {
                throw ApiException.invalid("channels", "names " + channels.size() + " channels; the window has " + d
                        + " columns");
            }
            if (model != null) {
                if (channels != null) {
                    x = reorder(x, channels, model.channels(), "channels");
                } else if (d != model.channels().size()) {
                    throw ApiException.invalid("window[0]", "has " + d + " values; the model of device "
                            + w.deviceId() + " has " + model.channels().size() + " channels " + model.channels()
                            + " (give channels to name the columns)");
                }
                channels = model.channels();
            }
        } else {
            List<String> names = model != null ? model.channels()
                    : w.channels() != null ? w.channels() : unionOf(w.samples());
            x = new double[n][names.size()];
            for (int i = 0; i < n; i++) {
                Map<String, Double> s = w.samples().get(i);
                for (int j = 0; j < names.size(); j++) {
                    Double v = s == null ? null : s.get(names.get(j));
                    if (v == null || !Double.isFinite(v)) {
                        errors.add(new ApiError.FieldError("samples[" + i + "]." + names.get(j),
                                v == null ? "is missing (every sample needs every channel " + names + ")"
                                        : "must be a finite number"));
                    } else {
                        x[i][j] = v;
                    }
                }
            }
            if (!errors.isEmpty()) {
                throw ApiException.invalid(errors);
            }
            channels = names;
        }
        if (model == null && n < 4) {
            throw ApiException.invalid(field, "needs at least 4 samples without a trained model of the device");
        }
        ReconstructionScorer.WindowResult r;
        try {
            r = ReconstructionScorer.score(x, model == null ? null : model.model(),
                    w.minAnomalous() == null ? 3 : w.minAnomalous());
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(field, e.getMessage());
        }
        return new InferResult(w.deviceId(), r.reference(), model == null ? null : model.modelId(), note, channels,
                r.samples(), r.components(), r.reconstructionError(), r.t2(), r.qThreshold(), r.t2Threshold(),
                r.anomalous(), r.anomalousCount(), r.anomaly(), r.anomaly() ? "ANOMALY" : "NORMAL", r.score());
    }

    /** The device's live model (this instance holds the device) or the one in its last snapshot. */
    private DetectionEngine.WindowModel modelOf(String deviceId) {
        DetectionEngine.WindowModel live = engine.windowModel(deviceId);
        if (live != null) {
            return live;
        }
        StoredState s = snapshots.stateOf(deviceId);
        if (s == null) {
            return null;
        }
        DeviceDetector d = Detectors.restoreOrFresh(configs.effective(deviceId), s.structure(), s.snapshot());
        return DetectionEngine.windowModelOf(d);
    }

    private static double[][] reorder(double[][] x, List<String> given, List<String> wanted, String field) {
        if (given.size() != wanted.size() || !new HashSet<>(given).containsAll(wanted)) {
            throw ApiException.invalid(field, "are " + given + "; the device's model has channels " + wanted);
        }
        int[] idx = new int[wanted.size()];
        for (int j = 0; j < wanted.size(); j++) {
            idx[j] = given.indexOf(wanted.get(j));
        }
        double[][] out = new double[x.length][wanted.size()];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < idx.length; j++) {
                out[i][j] = x[i][idx[j]];
            }
        }
        return out;
    }

    private static List<String> unionOf(List<Map<String, Double>> samples) {
        TreeSet<String> names = new TreeSet<>();
        for (Map<String, Double> s : samples) {
            if (s != null) {
                names.addAll(s.keySet());
            }
        }
        if (names.isEmpty()) {
            throw ApiException.invalid("samples", "no channel values");
        }
        return List.copyOf(names);
    }
}
