package io.plantwatch.detection.model.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.model.Updates;
import io.plantwatch.contracts.api.ApiError;
import io.plantwatch.contracts.api.ApiException;
import io.plantwatch.contracts.event.ModelSelection;
import io.plantwatch.detection.backtest.Sample;
import io.plantwatch.detection.backtest.service.BacktestService;
import io.plantwatch.detection.configuration.service.ConfigMerger;
import io.plantwatch.detection.detector.DetectorConfig;
import io.plantwatch.detection.model.config.ModelsConfig;
import io.plantwatch.detection.model.kafka.SelectionPublisher;
import io.plantwatch.detection.model.repository.ModelEntity;
import io.plantwatch.detection.model.repository.ModelStore;
import io.plantwatch.detection.model.repository.SelectionEntity;
import io.plantwatch.detection.model.repository.SelectionStore;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The model registry: trains models in the background, stores them with their provenance, shares them, binds them to
 * devices (select / deselect, announced on plant.model-selections so every instance switches live) and deletes them.
 */
@ApplicationScoped
public class ModelRegistry {

    private static final Logger LOG = Logger.getLogger(ModelRegistry.class);
    public static final String PRIVATE = "PRIVATE";
    public static final String SITE = "SITE";
    /** Owner of the preset models. */
    public static final String SYSTEM_OWNER = "plantwatch";

    private final ModelStore store;
    private final SelectionStore selectionStore;
    private final ModelSelections live;
    private final SelectionPublisher publisher;
    private final BacktestService data;
    private final ModelsConfig config;
    private final ExecutorService trainers;

    public ModelRegistry(ModelStore store, SelectionStore selectionStore, ModelSelections live,
            SelectionPublisher publisher, BacktestService data, ModelsConfig config) {
        this.store = store;
        this.selectionStore = selectionStore;
        this.live = live;
        this.publisher = publisher;
        this.data = data;
        this.config = config;
        this.trainers = Executors.newFixedThreadPool(Math.max(1, config.trainingThreads()), r -> {
            Thread t = new Thread(r, "model-training");
            t.setDaemon(true);
            return t;
        });
    }

    @PreDestroy
    void close() {
        trainers.shutdownNow();
    }

    /** Who is asking. */
    public record Caller(String name, boolean admin) {
    }

    /**
     * A training request. Data: {@code from}/{@code to} (the device's stored history, via report-service) or an
     * uploaded CSV passed separately.
     *
     * @param retrainOf a model to retrain: the new model is its next version; unset fields are taken from it
     */
    public record TrainRequest(String name, String description, String deviceId, List<String> channels,
            String algorithm, JsonNode hyperparameters, String visibility, Instant from, Instant to,
            String retrainOf) {
    }

    /** An uploaded training file, already parsed and checked. */
    public record Upload(String fileName, List<String> channels, List<Sample> samples) {
    }

    /** Validates the request, stores the model as QUEUED and starts training it; returns at once. */
    public ModelViews.ModelView train(TrainRequest request, Upload upload, Caller caller, String authorization) {
        if (request == null) {
            throw ApiException.invalid("body", "is required");
        }
        ModelEntity parent = null;
        if (request.retrainOf() != null) {
            parent = store.findById(request.retrainOf());
            if (parent == null || !visible(parent, caller)) {
                throw ApiException.invalid("retrainOf", "no model " + request.retrainOf() + " visible to you");
            }
        }
        String deviceId = pick(request.deviceId(), parent == null ? null : parent.deviceId);
        String algorithm = pick(request.algorithm(), parent == null ? null : parent.algorithm);
        List<String> channels = request.channels() != null && !request.channels().isEmpty() ? request.channels()
                : parent != null ? parent.channels : upload != null ? upload.channels() : null;
        JsonNode hp = request.hyperparameters() != null ? request.hyperparameters()
                : parent == null ? null : ModelViews.json(parent.hyperparameters);
        String visibility = pick(request.visibility(), parent == null ? PRIVATE : parent.visibility);
        List<ApiError.FieldError> errors = new ArrayList<>();
        if (deviceId == null || deviceId.isBlank()) {
            errors.add(new ApiError.FieldError("deviceId", "is required"));
        }
        if (channels == null || channels.size() < 2) {
            errors.add(new ApiError.FieldError("channels", "needs at least two channels (the models are multivariate)"));
        } else if (new HashSet<>(channels).size() != channels.size()) {
            errors.add(new ApiError.FieldError("channels", "lists a channel twice"));
        }
        if (visibility != null && !Set.of(PRIVATE, SITE).contains(visibility)) {
            errors.add(new ApiError.FieldError("visibility", "must be PRIVATE or SITE"));
        }
        if (upload == null) {
            if (request.from() == null) {
                errors.add(new ApiError.FieldError("from", "is required (or upload a CSV file)"));
            }
            if (request.to() == null) {
                errors.add(new ApiError.FieldError("to", "is required (or upload a CSV file)"));
            }
            if (request.from() != null && request.to() != null && !request.from().isBefore(request.to())) {
                errors.add(new ApiError.FieldError("from", "must be before to"));
            }
        } else if (channels != null) {
            for (int i = 0; i < channels.size(); i++) {
                if (!upload.channels().contains(channels.get(i))) {
                    errors.add(new ApiError.FieldError("channels[" + i + "]", "'" + channels.get(i)
                            + "' is not a column of the file; columns: " + upload.channels()));
                }
            }
        }
        DetectorConfig modelConfig = null;
        if (errors.isEmpty()) {
            try {
                modelConfig = ModelTrainer.modelConfig(deviceId, channels, algorithm, hp);
            } catch (ModelTrainer.FieldException e) {
                errors.add(new ApiError.FieldError(e.field(), e.getMessage()));
            }
        }
        ModelTrainer.Rows rows = null;
        if (errors.isEmpty() && upload != null) {
            rows = ModelTrainer.rows(upload.samples(), channels);
            if (rows.size() < config.minTrainingRows()) {
                errors.add(new ApiError.FieldError("file", "has " + rows.size() + " rows with every channel of "
                        + channels + "; training needs at least " + config.minTrainingRows()));
            } else if (rows.size() > config.maxTrainingRows()) {
                errors.add(new ApiError.FieldError("file", "has more than " + config.maxTrainingRows()
                        + " rows; use a shorter part"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        ModelEntity m = new ModelEntity();
        m.id = UUID.randomUUID().toString();
        m.family = parent == null ? m.id : parent.family;
        m.version = parent == null ? 1 : store.lastVersion(parent.family) + 1;
        m.name = pick(request.name(), parent == null ? algorithm + " model of " + deviceId : parent.name);
        m.description = pick(request.description(), parent == null ? null : parent.description);
        m.deviceId = deviceId;
        m.channels = List.copyOf(channels);
        m.algorithm = algorithm;
        m.hyperparameters = hp == null ? "{}" : hp.toString();
        m.effectiveParameters = parametersOf(modelConfig, algorithm).toString();
        m.owner = caller.name();
        m.visibility = visibility;
        m.status = "QUEUED";
        m.createdAt = Instant.now();
        m.trainer = trainerName(algorithm);
        m.libraryVersions = libraryVersions();
        if (upload != null) {
            m.dataSource = "upload";
            m.fileName = upload.fileName();
            m.dataFrom = upload.samples().get(0).ts();
            m.dataTo = upload.samples().get(upload.samples().size() - 1).ts();
        } else {
            m.dataSource = "history";
            m.dataFrom = request.from();
            m.dataTo = request.to();
        }
        store.insert(m);
        ModelViews.ModelView accepted = view(m); // as accepted: the job may move it on before the caller reads it
        ModelTrainer.Rows given = rows;
        DetectorConfig cfg = modelConfig;
        List<String> ch = m.channels;
        submit(m.id, algorithm, cfg, given != null ? () -> given : () -> {
            List<Sample> history = data.samplesFromHistory(deviceId, request.from(), request.to(), ch, authorization);
            ModelTrainer.Rows r = ModelTrainer.rows(history, ch);
            if (r.size() < config.minTrainingRows()) {
                throw new IllegalArgumentException("the stored history holds " + r.size() + " rows with every channel"
                        + " of " + ch + "; training needs at least " + config.minTrainingRows());
            }
            return r;
        });
        return accepted;
    }

    /** Trains synchronously (presets at first start); the model is READY or FAILED on return. */
    public ModelEntity trainNow(ModelEntity m, DetectorConfig modelConfig, ModelTrainer.Rows rows) {
        m.effectiveParameters = parametersOf(modelConfig, m.algorithm).toString();
        m.trainer = trainerName(m.algorithm);
        m.libraryVersions = libraryVersions();
        m.status = "QUEUED";
        store.insert(m);
        runTraining(m.id, m.algorithm, modelConfig, () -> rows);
        return store.findById(m.id);
    }

    private void submit(String id, String algorithm, DetectorConfig cfg, Supplier<ModelTrainer.Rows> rows) {
        trainers.execute(() -> runTraining(id, algorithm, cfg, rows));
    }

    private void runTraining(String id, String algorithm, DetectorConfig cfg, Supplier<ModelTrainer.Rows> rows) {
        try {
            store.progress(id, "TRAINING", 5);
            ModelTrainer.Rows r = rows.get();
            store.progress(id, "TRAINING", 10);
            int[] last = {10};
            ModelTrainer.Result result = ModelTrainer.train(cfg, algorithm, r, config.heldBackFraction(), p -> {
                if (p >= last[0] + 5) {
                    last[0] = p;
                    store.progress(id, "TRAINING", p);
                }
            });
            int chunks = store.writeBytes(id, result.state(), config.chunkBytes());
            store.set(id, Updates.set("samples", result.samples()), Updates.set("trainSamples", result.trainSamples()),
                    Updates.set("heldBackSamples", result.heldBackSamples()),
                    Updates.set("threshold", result.threshold()),
                    Updates.set("falseAlarmRate", result.falseAlarmRate()),
                    Updates.set("trainMillis", result.trainMillis()),
                    Updates.set("tribuoProvenance", result.tribuoProvenance()),
                    Updates.set("stateBytes", (long) result.state().length), Updates.set("stateChunks", chunks),
                    Updates.set("trainedAt", Instant.now()), Updates.set("progress", 100),
                    Updates.set("status", "READY"));
        } catch (ApiException e) {
            fail(id, e.getMessage() + fieldsOf(e));
        } catch (RuntimeException | OutOfMemoryError e) {
            LOG.warnf("training of model %s failed: %s", id, e.toString());
            fail(id, e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    private static String fieldsOf(ApiException e) {
        return e.fields() == null || e.fields().isEmpty() ? "" : " " + e.fields().stream()
                .map(f -> f.field() + ": " + f.message()).toList();
    }

    private void fail(String id, String reason) {
        try {
            store.set(id, Updates.set("status", "FAILED"), Updates.set("failureReason", reason));
        } catch (RuntimeException e) {
            LOG.errorf("cannot record the failure of model %s (%s): %s", id, reason, e.toString());
        }
    }

    // ------------------------------------------------------------------ read

    public ModelViews.ModelView get(String id, Caller caller) {
        return view(visibleModel(id, caller));
    }

    /**
     * Models visible to the caller.
     *
     * @param scope own, shared, presets, or null for all of them
     */
    public List<ModelViews.ModelView> list(String scope, String deviceId, Caller caller) {
        if (scope != null && !Set.of("own", "shared", "presets").contains(scope)) {
            throw ApiException.invalid("scope", "must be own, shared or presets");
        }
        List<ModelViews.ModelView> out = new ArrayList<>();
        for (ModelEntity m : store.visibleTo(caller.name(), caller.admin())) {
            boolean keep = scope == null
                    || ("own".equals(scope) && caller.name().equals(m.owner) && !m.preset)
                    || ("shared".equals(scope) && SITE.equals(m.visibility) && !m.preset
                        && !caller.name().equals(m.owner))
                    || ("presets".equals(scope) && m.preset);
            if (keep && (deviceId == null || deviceId.equals(m.deviceId))) {
                out.add(view(m));
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ bind

    /** Binds a READY model to a device (default: the device it was trained for); every instance switches live. */
    public ModelViews.ModelView select(String id, String deviceId, Caller caller) {
        ModelEntity m = visibleModel(id, caller);
        if (!"READY".equals(m.status)) {
            throw ApiException.conflict("model " + id + " is " + m.status + "; only a READY model can be selected");
        }
        String device = deviceId == null || deviceId.isBlank() ? m.deviceId : deviceId;
        SelectionEntity saved = selectionStore.save(device, m.id, caller.name(), Instant.now());
        announce(saved, m);
        return view(store.findById(id));
    }

    /** Unbinds the model from a device (default: its own device), if it is bound there. */
    public ModelViews.ModelView deselect(String id, String deviceId, Caller caller) {
        ModelEntity m = visibleModel(id, caller);
        String device = deviceId == null || deviceId.isBlank() ? m.deviceId : deviceId;
        SelectionEntity current = selectionStore.findById(device);
        if (current == null || !current.selected || !id.equals(current.modelId)) {
            throw ApiException.conflict("model " + id + " is not selected on device " + device);
        }
        announce(selectionStore.save(device, null, caller.name(), Instant.now()), null);
        return view(store.findById(id));
    }

    /** Binds a device to a model, or back to its own detectors with null (detection sessions use this). */
    public void bind(String deviceId, String modelId, Caller caller) {
        if (modelId == null) {
            SelectionEntity current = selectionStore.findById(deviceId);
            if (current != null && current.selected) {
                announce(selectionStore.save(deviceId, null, caller.name(), Instant.now()), null);
            }
            return;
        }
        select(modelId, deviceId, caller);
    }

    private void announce(SelectionEntity s, ModelEntity m) {
        ModelSelection event = new ModelSelection(ModelSelection.SCHEMA_VERSION, s.deviceId, s.modelId,
                m == null ? 0 : m.version, m == null ? null : m.algorithm, s.selected, s.changedBy, s.revision, s.at);
        live.apply(event); // this instance at once; the others (and this one again, ignored) through Kafka
        publisher.publish(event);
    }

    /** Deletes a model: its owner or an admin; presets only an admin; never while it is selected. */
    public void delete(String id, Caller caller) {
        ModelEntity m = visibleModel(id, caller);
        if (!caller.admin() && (m.preset || !caller.name().equals(m.owner))) {
            throw ApiException.forbidden("only the owner of model " + id + " or an admin may delete it");
        }
        List<String> on = selectionStore.devicesOf(id);
        if (!on.isEmpty()) {
            throw ApiException.conflict("model " + id + " is selected on " + on + "; deselect it first");
        }
        store.deleteModel(id);
    }

    // ------------------------------------------------------------------ helpers

    private ModelEntity visibleModel(String id, Caller caller) {
        ModelEntity m = store.findById(id);
        if (m == null || !visible(m, caller)) {
            throw ApiException.notFound("model " + id);
        }
        return m;
    }

    private static boolean visible(ModelEntity m, Caller caller) {
        return caller.admin() || m.preset || SITE.equals(m.visibility) || caller.name().equals(m.owner);
    }

    private ModelViews.ModelView view(ModelEntity m) {
        return ModelViews.of(m, selectionStore.devicesOf(m.id));
    }

    private static String pick(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    static JsonNode parametersOf(DetectorConfig c, String algorithm) {
        ObjectNode all = ConfigMerger.toJson(c);
        return all.get(algorithm);
    }

    static String trainerName(String algorithm) {
        return switch (algorithm) {
            case DetectorConfig.MEWMA -> "plantwatch MEWMA (EWMA-smoothed robust Hotelling T²)";
            case DetectorConfig.PCA -> "plantwatch PCA T²+Q";
            default -> "Tribuo LibSVMAnomalyTrainer (one-class SVM, RBF)";
        };
    }

    static String libraryVersions() {
        return "tribuo " + org.tribuo.Tribuo.VERSION + ", java " + Runtime.version();
    }
}
