package io.plantwatch.detection.model.service;

import io.plantwatch.detection.detector.DetectorConfig;
import io.plantwatch.detection.model.config.ModelsConfig;
import io.plantwatch.detection.model.repository.ModelEntity;
import io.plantwatch.detection.model.repository.ModelStore;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.Random;

/**
 * Preset models, trained on first start from generated normal operation: a centrifugal pump (pressure, flow, motor
 * current, vibration, bearing temperature, all driven by one load) and a single-phase voltage monitor (voltage,
 * current, power, power factor). They show how a model is made and can be selected on a device with the same channel
 * names at once. Ids are fixed, so instances starting together create each preset once.
 */
@ApplicationScoped
public class PresetModels {

    private static final Logger LOG = Logger.getLogger(PresetModels.class);
    public static final String PUMP = "preset-pump-mewma";
    public static final String VOLTAGE = "preset-voltage-monitor-mewma";
    static final int ROWS = 3000;

    private final ModelStore store;
    private final ModelRegistry registry;
    private final ModelsConfig config;

    public PresetModels(ModelStore store, ModelRegistry registry, ModelsConfig config) {
        this.store = store;
        this.registry = registry;
        this.config = config;
    }

    void onStart(@Observes StartupEvent ignored) {
        if (!config.presets()) {
            return;
        }
        try {
            create(PUMP, "Centrifugal pump (preset)", "preset-pump",
                    List.of("pressure", "flow", "current", "vibration", "temperature"), pump(ROWS, 7));
            create(VOLTAGE, "Voltage monitor (preset)", "preset-voltage-monitor",
                    List.of("voltage", "current", "power", "powerFactor"), voltage(ROWS, 11));
        } catch (RuntimeException e) {
            LOG.warnf("preset models not created: %s", e.toString());
        }
    }

    private void create(String id, String name, String device, List<String> channels, double[][] rows) {
        if (store.findById(id) != null) {
            return;
        }
        long[] ts = new long[rows.length];
        long t0 = Instant.parse("2026-01-05T00:00:00Z").toEpochMilli();
        for (int i = 0; i < ts.length; i++) {
            ts[i] = t0 + 1000L * i;
        }
        DetectorConfig cfg = ModelTrainer.modelConfig(device, channels, DetectorConfig.MEWMA, null);
        ModelEntity m = new ModelEntity();
        m.id = id;
        m.family = id;
        m.version = 1;
        m.name = name;
        m.description = "Trained on " + ROWS + " generated samples of normal operation (1 s apart), seeded, so every"
                + " installation has the same preset.";
        m.deviceId = device;
        m.channels = channels;
        m.algorithm = DetectorConfig.MEWMA;
        m.hyperparameters = "{}";
        m.owner = ModelRegistry.SYSTEM_OWNER;
        m.visibility = ModelRegistry.SITE;
        m.preset = true;
        m.createdAt = Instant.now();
        m.dataSource = "generated";
        m.dataFrom = Instant.ofEpochMilli(ts[0]);
        m.dataTo = Instant.ofEpochMilli(ts[ts.length - 1]);
        try {
            ModelEntity done = registry.trainNow(m, cfg, new ModelTrainer.Rows(rows, ts));
            LOG.infof("preset model %s: %s, false-alarm rate on held-back data %.4f", id, done.status,
                    done.falseAlarmRate);
        } catch (RuntimeException e) {
            if (store.findById(id) == null) {
                throw e;
            } // another instance created it at the same time
        }
    }

    /** Normal pump operation: a slowly varying load drives pressure, flow, current, vibration and temperature. */
    public static double[][] pump(int n, long seed) {
        Random r = new Random(seed);
        double[][] out = new double[n][];
        double temp = 45;
        for (int i = 0; i < n; i++) {
            double load = 0.75 + 0.15 * Math.sin(2 * Math.PI * i / 900.0) + 0.03 * r.nextGaussian();
            double pressure = 2.0 + 1.2 * load + 0.03 * r.nextGaussian();
            double flow = 40 * load + 0.6 * r.nextGaussian();
            double current = 4 + 6 * load + 0.08 * r.nextGaussian();
            double vibration = 1.2 + 0.8 * load + 0.05 * r.nextGaussian();
            temp += 0.02 * (40 + 12 * load - temp) + 0.05 * r.nextGaussian();
            out[i] = new double[] {pressure, flow, current, vibration, temp};
        }
        return out;
    }

    /** Normal single-phase supply: voltage near 230 V, a varying load current, power and power factor. */
    public static double[][] voltage(int n, long seed) {
        Random r = new Random(seed);
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) {
            double v = 230 + 2.0 * Math.sin(2 * Math.PI * i / 1200.0) + 0.8 * r.nextGaussian();
            double current = 5 + 2 * Math.sin(2 * Math.PI * i / 600.0) + 0.1 * r.nextGaussian();
            double pf = 0.92 + 0.01 * r.nextGaussian();
            double power = v * current * pf;
            out[i] = new double[] {v, current, power, pf};
        }
        return out;
    }
}
