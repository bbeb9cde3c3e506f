package io.plantwatch.detection.model.service;

import io.plantwatch.contracts.event.ModelSelection;
import io.plantwatch.detection.configuration.service.ConfigChanged;
import io.plantwatch.detection.detector.DetectorConfig;
import io.plantwatch.detection.detector.DeviceDetector;
import io.plantwatch.detection.model.repository.ModelEntity;
import io.plantwatch.detection.model.repository.ModelStore;
import io.plantwatch.detection.model.repository.SelectionEntity;
import io.plantwatch.detection.model.repository.SelectionStore;
import io.plantwatch.detection.pipeline.service.DeviceModels;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which model each device runs, in memory for the live engine: loaded from MongoDB at start, then kept current by
 * the selection events of every instance (Kafka). A change is announced as {@link ConfigChanged}, so the engine
 * switches the device's detector live. Thread-safe.
 */
@ApplicationScoped
public class ModelSelections implements DeviceModels {

    private static final Logger LOG = Logger.getLogger(ModelSelections.class);

    private final ModelStore models;
    private final SelectionStore selections;
    private final Event<ConfigChanged> changes;
    private final Map<String, Entry> byDevice = new ConcurrentHashMap<>();

    public ModelSelections(ModelStore models, SelectionStore selections, Event<ConfigChanged> changes) {
        this.models = models;
        this.selections = selections;
        this.changes = changes;
    }

    private record Entry(long revision, String modelId, Binding binding) {
    }

    void load(@Observes StartupEvent ignored) {
        reload();
    }

    /** Forgets what is in memory and reads every binding from MongoDB again (as a fresh instance does). */
    public void reload() {
        byDevice.clear();
        for (SelectionEntity e : selections.active()) {
            apply(new ModelSelection(ModelSelection.SCHEMA_VERSION, e.deviceId, e.modelId, 0, null, true, e.changedBy,
                    e.revision, e.at));
        }
    }

    @Override
    public Binding bindingOf(String deviceId) {
        Entry e = byDevice.get(deviceId);
        return e == null ? null : e.binding();
    }

    /** The model selected on the device, or null. */
    public String selectedModel(String deviceId) {
        Entry e = byDevice.get(deviceId);
        return e == null ? null : e.modelId();
    }

    /** Applies a selection event unless a newer one for the device was applied already. */
    public void apply(ModelSelection s) {
        Entry known = byDevice.get(s.deviceId());
        if (known != null && known.revision() >= s.revision()) {
            return;
        }
        Binding binding = null;
        if (s.selected() && s.modelId() != null) {
            binding = load(s.modelId());
            if (binding == null) {
                LOG.warnf("device %s: selected model %s is not stored (deleted, or not READY); keeping its own"
                        + " detectors", s.deviceId(), s.modelId());
            }
        }
        byDevice.put(s.deviceId(), new Entry(s.revision(), binding == null ? null : s.modelId(), binding));
        String before = known == null || known.binding() == null ? null : known.binding().key();
        String after = binding == null ? null : binding.key();
        if (!java.util.Objects.equals(before, after)) {
            changes.fire(new ConfigChanged(s.deviceId()));
        }
    }

    private Binding load(String modelId) {
        ModelEntity m = models.findById(modelId);
        if (m == null || !"READY".equals(m.status) || m.stateChunks == null) {
            return null;
        }
        byte[] state = models.readBytes(modelId, m.stateChunks);
        if (state == null) {
            return null;
        }
        DetectorConfig config = ModelTrainer.modelConfig(m.deviceId, m.channels, m.algorithm,
                ModelViews.json(m.hyperparameters));
        String key = m.id + ":v" + m.version;
        return new Binding(key, new DeviceDetector.PretrainedModel(m.algorithm, m.channels, state, "model:" + key),
                config);
    }
}
