package io.plantwatch.detection.cause.service;

import io.plantwatch.contracts.api.ApiError;
import io.plantwatch.contracts.api.ApiException;
import io.plantwatch.detection.backtest.Sample;
import io.plantwatch.detection.backtest.service.BacktestService;
import io.plantwatch.detection.cause.config.CausesConfig;
import io.plantwatch.detection.cause.repository.CauseHintEntity;
import io.plantwatch.detection.cause.repository.CauseLabelEntity;
import io.plantwatch.detection.cause.repository.CauseModelEntity;
import io.plantwatch.detection.cause.repository.CauseStores;
import io.plantwatch.detection.model.service.ModelTrainer;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Probable causes: operators label anomaly windows (or closed alarms) with a cause; each label's window features are
 * computed from the device's stored history and a classifier per device type is retrained on all labels of that type
 * and stored. The live engine asks {@link #suggest} for new anomalies. Also keeps the editable maintenance hints.
 */
@ApplicationScoped
public class CauseService {

    private static final Logger LOG = Logger.getLogger(CauseService.class);
    static final Map<String, String> DEFAULT_HINTS = Map.of(
            "valve closed", "Check the discharge valve and its actuator; open it fully and confirm the flow returns.",
            "bearing wear", "Schedule a bearing inspection: check lubrication, vibration spectrum and bearing"
                    + " temperature trend.",
            "cavitation", "Check suction pressure, inlet strainer and tank level; reduce speed until NPSH margin is"
                    + " restored.");

    private final CauseStores.Labels labels;
    private final CauseStores.Models models;
    private final CauseStores.Hints hints;
    private final BacktestService data;
    private final CausesConfig config;
    private final Map<String, Trained> byType = new ConcurrentHashMap<>();
    private final Map<String, String> typeOfDevice = new ConcurrentHashMap<>();
    private final Map<String, String> hintOf = new ConcurrentHashMap<>();

    public CauseService(CauseStores.Labels labels, CauseStores.Models models, CauseStores.Hints hints,
            BacktestService data, CausesConfig config) {
        this.labels = labels;
        this.models = models;
        this.hints = hints;
        this.data = data;
        this.config = config;
    }

    /** A device type's classifier and the channel order of its features. */
    public record Trained(String deviceType, List<String> channels, List<String> causes, int labels,
            CauseClassifier classifier, Instant trainedAt) {
    }

    /** A label request: a window of a device (from/to), or a closed alarm (alarmId) with its window. */
    public record LabelRequest(String deviceId, Instant from, Instant to, String alarmId, String cause,
            String deviceType) {
    }

    public record LabelView(String id, String deviceId, String deviceType, String alarmId, Instant from, Instant to,
            String cause, List<String> channels, String createdBy, Instant createdAt, ClassifierView classifier) {
    }

    public record ClassifierView(String deviceType, List<String> channels, List<String> causes, int labels,
            boolean trained, Instant trainedAt, String note) {
    }

    /** A suggestion for a live anomaly. */
    public record Suggested(String cause, double confidence, String hint) {
    }

    void onStart(@Observes StartupEvent ignored) {
        if (hints.count() == 0) {
            DEFAULT_HINTS.forEach((cause, hint) -> {
                CauseHintEntity e = new CauseHintEntity();
                e.cause = cause;
                e.hint = hint;
                e.updatedBy = "plantwatch";
                e.updatedAt = Instant.now();
                hints.save(e);
            });
        }
        reload();
    }

    /** Reads classifiers, device types and hints from MongoDB (also picks up other instances' changes). */
    @io.quarkus.scheduler.Scheduled(every = "60s", delayed = "60s",
            concurrentExecution = io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP)
    void reload() {
        for (CauseModelEntity m : models.listAll()) {
            Trained known = byType.get(m.deviceType);
            if (known == null || m.trainedAt.isAfter(known.trainedAt())) {
                byType.put(m.deviceType, new Trained(m.deviceType, m.channels, m.causes, m.labels,
                        CauseClassifier.fromStored(m.model, m.guard), m.trainedAt));
            }
        }
        for (CauseLabelEntity l : labels.listAll()) {
            typeOfDevice.put(l.deviceId, l.deviceType);
        }
        for (CauseHintEntity h : hints.listAll()) {
            hintOf.put(h.cause, h.hint);
        }
    }

    public LabelView label(LabelRequest r, String user, String authorization) {
        if (r == null) {
            throw ApiException.invalid("body", "is required: {deviceId, from, to, cause}");
        }
        List<ApiError.FieldError> errors = new ArrayList<>();
        if (r.cause() == null || r.cause().isBlank()) {
            errors.add(new ApiError.FieldError("cause", "is required, e.g. \"valve closed\""));
        } else if (r.cause().trim().equalsIgnoreCase(CauseClassifier.UNKNOWN)) {
            errors.add(new ApiError.FieldError("cause", "'unknown' is what the classifier says when unsure; label a"
                    + " real cause"));
        }
        if (r.deviceId() == null || r.deviceId().isBlank()) {
            errors.add(new ApiError.FieldError("deviceId", "is required"));
        }
        if (r.from() == null || r.to() == null) {
            errors.add(new ApiError.FieldError(r.from() == null ? "from" : "to", "is required: the anomaly window"
                    + (r.alarmId() != null ? " of alarm " + r.alarmId() : "")));
        } else if (!r.from().isBefore(r.to())) {
            errors.add(new ApiError.FieldError("from", "must be before to"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        Duration len = Duration.between(r.from(), r.to());
        Instant baselineFrom = r.from().minus(len.multipliedBy(config.baselineWindows()));
        List<Sample> history = data.samplesFromHistory(r.deviceId(), baselineFrom, r.to(), null, authorization);
        TreeSet<String> names = new TreeSet<>();
        history.forEach(s -> names.addAll(s.values().keySet()));
        List<String> channels = List.copyOf(names);
        ModelTrainer.Rows rows = ModelTrainer.rows(history, channels);
        List<double[]> baseline = new ArrayList<>();
        List<double[]> window = new ArrayList<>();
        long from = r.from().toEpochMilli();
        long to = r.to().toEpochMilli();
        for (int i = 0; i < rows.size(); i++) {
            long t = rows.tsMillis()[i];
            if (t >= baselineFrom.toEpochMilli() && t < to) {
                (t < from ? baseline : window).add(rows.values()[i]);
            }
        }
        if (baseline.size() < 3) {
            throw ApiException.invalid("from", "the device has " + baseline.size() + " stored samples in the "
                    + config.baselineWindows() + " window lengths before the window; a label needs at least 3 as"
                    + " its normal baseline");
        }
        if (window.isEmpty()) {
            throw ApiException.invalid("to", "the device has no stored samples in [from, to)");
        }
        Map<String, Double> features = CauseFeatures.of(channels, baseline, window);
        String type = r.deviceType() != null && !r.deviceType().isBlank() ? r.deviceType() : typeOf(channels);
        CauseLabelEntity e = new CauseLabelEntity();
        e.id = UUID.randomUUID().toString();
        e.deviceId = r.deviceId();
        e.deviceType = type;
        e.alarmId = r.alarmId();
        e.from = r.from();
        e.to = r.to();
        e.cause = r.cause().trim();
        e.channels = channels;
        e.featureNames = new ArrayList<>(features.keySet());
        e.featureValues = new ArrayList<>(features.values());
        e.createdBy = user;
        e.createdAt = Instant.now();
        labels.persist(e);
        typeOfDevice.put(e.deviceId, type);
        ClassifierView cv = retrain(type);
        return new LabelView(e.id, e.deviceId, type, e.alarmId, e.from, e.to, e.cause, channels, user, e.createdAt, cv);
    }

    /** Retrains the type's classifier on all its labels (with the channels of its latest label). */
    ClassifierView retrain(String type) {
        List<CauseLabelEntity> all = labels.ofType(type);
        List<String> channels = all.get(all.size() - 1).channels;
        List<CauseClassifier.Labelled> usable = new ArrayList<>();
        TreeSet<String> causes = new TreeSet<>();
        for (CauseLabelEntity l : all) {
            if (!l.channels.equals(channels)) {
                continue; // labelled when the type had other channels: features do not line up
            }
            Map<String, Double> f = new LinkedHashMap<>();
            for (int i = 0; i < l.featureNames.size(); i++) {
                f.put(l.featureNames.get(i), l.featureValues.get(i));
            }
            usable.add(new CauseClassifier.Labelled(f, l.cause));
            causes.add(l.cause);
        }
        if (causes.size() < 2) {
            return new ClassifierView(type, channels, List.copyOf(causes), usable.size(), false, null,
                    "labels of at least two different causes are needed before suggestions start");
        }
        CauseClassifier c = CauseClassifier.train(usable, config.oodMargin());
        CauseModelEntity m = new CauseModelEntity();
        m.deviceType = type;
        m.channels = channels;
        m.causes = List.copyOf(causes);
        m.labels = usable.size();
        m.model = c.bytes();
        m.guard = c.guard().toJson();
        m.trainedAt = Instant.now();
        models.save(m);
        byType.put(type, new Trained(type, channels, m.causes, m.labels, c, m.trainedAt));
        return new ClassifierView(type, channels, m.causes, m.labels, true, m.trainedAt, null);
    }

    public List<ClassifierView> classifiers() {
        return byType.values().stream().sorted(java.util.Comparator.comparing(Trained::deviceType))
                .map(t -> new ClassifierView(t.deviceType(), t.channels(), t.causes(), t.labels(), true,
                        t.trainedAt(), null)).toList();
    }

    /** The device type a device's labels gave it, else the type named by its channels. */
    public String typeOf(String deviceId, List<String> sortedChannels) {
        String t = typeOfDevice.get(deviceId);
        return t != null ? t : typeOf(sortedChannels);
    }

    static String typeOf(List<String> sortedChannels) {
        return "channels:" + String.join(",", sortedChannels);
    }

    /** The classifier of a type, or null. */
    public Trained classifierOf(String deviceType) {
        return byType.get(deviceType);
    }

    /** A suggestion from the type's classifier ("unknown" below the floor, then without a hint). */
    public Suggested suggest(Trained t, Map<String, Double> features) {
        CauseClassifier.Suggestion s = t.classifier().suggest(features, config.confidenceFloor());
        if (s.outOfDistribution()) {
            LOG.debugf("window unlike every labelled cause of %s: distance %.2f > bound %.2f (best guess %s at %.3f)",
                    t.deviceType(), s.distance(), s.bound(), s.bestGuess(), s.confidence());
        }
        return new Suggested(s.cause(), s.confidence(), CauseClassifier.UNKNOWN.equals(s.cause()) ? null
                : hintOf.get(s.cause()));
    }

    // ------------------------------------------------------------------ hints

    public Map<String, String> hints() {
        return new TreeMap<>(hintOf);
    }

    /** Replaces the hint table. */
    public Map<String, String> putHints(Map<String, String> table, String user) {
        if (table == null) {
            throw ApiException.invalid("body", "is required: {cause: hint}");
        }
        List<ApiError.FieldError> errors = new ArrayList<>();
        table.forEach((cause, hint) -> {
            if (cause == null || cause.isBlank()) {
                errors.add(new ApiError.FieldError("body", "a cause must not be blank"));
            } else if (hint == null || hint.isBlank() || hint.length() > 2000) {
                errors.add(new ApiError.FieldError(cause, "needs a hint of 1 to 2000 characters"));
            }
        });
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        for (CauseHintEntity h : hints.listAll()) {
            if (!table.containsKey(h.cause)) {
                hints.deleteById(h.cause);
                hintOf.remove(h.cause);
            }
        }
        table.forEach((cause, hint) -> {
            CauseHintEntity e = new CauseHintEntity();
            e.cause = cause;
            e.hint = hint;
            e.updatedBy = user;
            e.updatedAt = Instant.now();
            hints.save(e);
            hintOf.put(cause, hint);
        });
        LOG.debugf("hint table replaced by %s: %d causes", user, table.size());
        return hints();
    }
}
