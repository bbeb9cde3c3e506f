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
 * <p>
 * A training job is leased to the instance that runs it ({@code leaseOwner}, {@code leaseUntil}, renewed by a timer)
 * and its input rows are stored with it. When an instance dies, its QUEUED/TRAINING jobs' leases run out; any
 * instance then claims each one atomically (exactly one wins), re-queues it ("interrupted, retrying") and resumes it
 * from the stored rows, up to {@code max-training-attempts} starts.
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
    /** This process, as a lease owner. */
    private final String instanceId = ProcessHandle.current().pid() + "@" + hostName() + "/"
            + UUID.randomUUID().toString().substring(0, 8);
    /** Jobs this instance queued or runs (their leases are renewed). */
    private final Set<String> held = java.util.concurrent.ConcurrentHashMap.newKeySet();

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
        lease(m);
        if (rows != null) {
            m.inputChunks = store.writeInput(m.id, rows.toBytes(), config.chunkBytes());
        }
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
        submit(m.id, algorithm, cfg, given != null, given != null ? () -> given : () -> {
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
        lease(m);
        m.inputChunks = store.writeInput(m.id, rows.toBytes(), config.chunkBytes());
        store.insert(m);
        held.add(m.id);
        runTraining(m.id, m.algorithm, modelConfig, true, () -> rows);
        return store.findById(m.id);
    }

    private void lease(ModelEntity m) {
        m.leaseOwner = instanceId;
        m.leaseUntil = Instant.now().plus(config.trainingLease());
        m.attempts = 1;
    }

    private void submit(String id, String algorithm, DetectorConfig cfg, boolean inputStored,
            Supplier<ModelTrainer.Rows> rows) {
        held.add(id);
        trainers.execute(() -> runTraining(id, algorithm, cfg, inputStored, rows));
    }

    /** Thrown when another instance took the job over (this one stalled past its lease): stop quietly. */
    private static final class LeaseLost extends RuntimeException {
        LeaseLost(String id) {
            super("training lease of model " + id + " lost", null, false, false);
        }
    }

    private void progress(String id, int percent) {
        if (!store.setIfOwner(id, instanceId, Updates.set("status", "TRAINING"), Updates.set("progress", percent))) {
            throw new LeaseLost(id);
        }
    }

    private void runTraining(String id, String algorithm, DetectorConfig cfg, boolean inputStored,
            Supplier<ModelTrainer.Rows> rows) {
        try {
            progress(id, 5);
            ModelTrainer.Rows r = rows.get();
            if (!inputStored) {
                int inputChunks = store.writeInput(id, r.toBytes(), config.chunkBytes());
                store.setIfOwner(id, instanceId, Updates.set("inputChunks", inputChunks));
            }
            progress(id, 10);
            int[] last = {10};
            ModelTrainer.Result result = ModelTrainer.train(cfg, algorithm, r, config.heldBackFraction(), p -> {
                if (p >= last[0] + 5) {
                    last[0] = p;
                    progress(id, p);
                }
            });
            int chunks = store.writeBytes(id, result.state(), config.chunkBytes());
            boolean mine = store.setIfOwner(id, instanceId, Updates.set("samples", result.samples()),
                    Updates.set("trainSamples", result.trainSamples()),
                    Updates.set("heldBackSamples", result.heldBackSamples()),
                    Updates.set("threshold", result.threshold()),
                    Updates.set("falseAlarmRate", result.falseAlarmRate()),
                    Updates.set("trainMillis", result.trainMillis()),
                    Updates.set("tribuoProvenance", result.tribuoProvenance()),
                    Updates.set("stateBytes", (long) result.state().length), Updates.set("stateChunks", chunks),
                    Updates.set("trainedAt", Instant.now()), Updates.set("progress", 100),
                    Updates.set("leaseUntil", null), Updates.set("status", "READY"));
            if (!mine) {
                throw new LeaseLost(id);
            }
            store.deleteInput(id);
        } catch (LeaseLost e) {
            LOG.warnf("%s: another instance resumed it; this run stops", e.getMessage());
        } catch (ApiException e) {
            fail(id, e.getMessage() + fieldsOf(e));
        } catch (RuntimeException | OutOfMemoryError e) {
            LOG.warnf("training of model %s failed: %s", id, e.toString());
            fail(id, e.getMessage() == null ? e.toString() : e.getMessage());
        } finally {
            held.remove(id);
        }
    }

    // ------------------------------------------------------------------ leases and interrupted trainings

    /** Renews this instance's leases, then takes over the trainings dead instances left QUEUED or TRAINING. */
    @io.quarkus.scheduler.Scheduled(every = "{plantwatch.models.lease-check-interval}",
            concurrentExecution = io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP)
    void checkLeases() {
        try {
            store.renewLeases(Set.copyOf(held), instanceId, Instant.now().plus(config.trainingLease()));
            resumeAbandoned();
        } catch (RuntimeException e) {
            LOG.warnf("training leases not checked: %s", e.toString());
        }
    }

    /** Claims and resumes (or fails, when it cannot be resumed) every training whose lease ran out. */
    public int resumeAbandoned() {
        int resumed = 0;
        Instant now = Instant.now();
        for (ModelEntity left : store.abandoned(now)) {
            if (held.contains(left.id)) {
                continue; // ours: the renewal above was late, not a dead instance
            }
            ModelEntity m = store.claim(left.id, instanceId, now, now.plus(config.trainingLease()));
            if (m == null) {
                continue; // another instance was first
            }
            int attempt = m.attempts == null ? 1 : m.attempts;
            LOG.infof("model %s: training left %s by %s (lease ran out); attempt %d here", m.id, left.status,
                    left.leaseOwner, attempt);
            byte[] input = m.inputChunks == null ? null : store.readInput(m.id, m.inputChunks);
            if (attempt > config.maxTrainingAttempts()) {
                fail(m.id, "training interrupted " + (attempt - 1) + " times (its instance stopped); not retried");
            } else if (input == null) {
                fail(m.id, "training interrupted before its data were loaded (history is read with the requester's"
                        + " token, which is not kept); train it again");
            } else {
                store.setIfOwner(m.id, instanceId, Updates.set("interruption",
                        "interrupted, retrying (attempt " + attempt + ")"));
                try {
                    DetectorConfig cfg = ModelTrainer.modelConfig(m.deviceId, m.channels, m.algorithm,
                            ModelViews.json(m.hyperparameters));
                    ModelTrainer.Rows rows = ModelTrainer.Rows.fromBytes(input);
                    submit(m.id, m.algorithm, cfg, true, () -> rows);
                    resumed++;
                } catch (RuntimeException e) {
                    fail(m.id, "cannot resume the interrupted training: " + e.getMessage());
                }
            }
        }
        return resumed;
    }

    /** This instance as a training lease owner. */
    public String instanceId() {
        return instanceId;
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "host";
        }
    }

    private static String fieldsOf(ApiException e) {
        return e.fields() == null || e.fields().isEmpty() ? "" : " " + e.fields().stream()
                .map(f -> f.field() + ": " + f.message()).toList();
    }

    private void fail(String id, String reason) {
        try {
            store.set(id, Updates.set("status", "FAILED"), Updates.set("failureReason", reason),
                    Updates.set("leaseUntil", null));
            store.deleteInput(id);
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
