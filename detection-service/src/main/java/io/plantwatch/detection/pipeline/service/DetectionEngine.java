package io.plantwatch.detection.pipeline.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.plantwatch.contracts.event.AnomalyEvent;
import io.plantwatch.contracts.event.DeadLetter;
import io.plantwatch.contracts.event.DeadLetters;
import io.plantwatch.contracts.event.Reading;
import io.plantwatch.contracts.json.EventJson;
import io.plantwatch.detection.configuration.service.DeviceConfigs;
import io.plantwatch.detection.detector.DetectorConfig;
import io.plantwatch.detection.detector.DeviceDetector;
import io.plantwatch.detection.detector.Verdict;
import io.plantwatch.detection.pipeline.config.DetectionConfig;
import io.plantwatch.detection.pipeline.kafka.AnomalyPublisher;
import io.plantwatch.detection.pipeline.repository.PartitionMarkStore;
import io.plantwatch.detection.pipeline.repository.SnapshotStore;
import io.plantwatch.detection.pipeline.repository.StoredState;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The live detection engine: one {@link DeviceDetector} per device of the partitions this instance owns.
 *
 * <p><b>Thread confinement.</b> All per-device state lives on one thread, {@code detection-engine}, and is touched
 * only by tasks run there: reading batches (handed over by the Kafka consumer), missing-data ticks (from the
 * scheduler), snapshots, configuration changes and partition assignment/revocation. No locks guard the detectors;
 * the executor's hand-off orders every task after the previous one. A single thread is needed because the ticks
 * must run when no reading arrives — exactly when the consumer thread is idle — so they cannot simply be drained by
 * the consumer between batches. A batch is evaluated and its anomalies published (and acknowledged by Kafka) in one
 * task, so a snapshot, which runs between tasks, never holds state whose events are not yet published.
 *
 * <p><b>Delivery.</b> At-least-once: the consumer acknowledges a batch after this engine returns. A reading at or
 * before a device's last evaluated time is a replay (or late) and is skipped, so a replay after a restore does not
 * apply a sample twice; anomaly ids derive from the reading id, so a reading evaluated twice yields the same events.
 *
 * <p><b>Snapshots and offsets.</b> Right after the snapshots, each owned partition's mark is stored: the next offset
 * whose reading is not yet in a snapshot. A new owner seeks back to the mark and evaluates the readings below the
 * offset it was assigned at (the crashed owner's committed position) into state only ({@link #assign}): their
 * anomalies were published before that owner committed, so they are not published again.
 */
@ApplicationScoped
public class DetectionEngine {

    private static final Logger LOG = Logger.getLogger(DetectionEngine.class);

    private final DeviceConfigs configs;
    private final DeviceModels models;
    private final DevicePauses pauses;
    private final SnapshotStore snapshots;
    private final PartitionMarkStore marks;
    private final AnomalyPublisher publisher;
    private final List<EvaluationHook> hooks;
    private final Duration timeout;
    private final ExecutorService executor;
    private volatile Thread engineThread;

    // engine thread only
    private final Map<String, DeviceSlot> devices = new HashMap<>();
    private final Set<Integer> owned = new HashSet<>();
    /** Owned partition → next offset after the last reading evaluated and published. */
    private final Map<Integer, Long> nextOffset = new HashMap<>();
    /** Owned partition → readings below this offset are evaluated into state only (their events exist). */
    private final Map<Integer, Long> replayBelow = new HashMap<>();
    /** Owned partitions whose in-memory state lost evaluated readings (a failed publish): their marks stay put. */
    private final Set<Integer> marksFrozen = new HashSet<>();

    private final AtomicInteger deviceCount = new AtomicInteger();
    private final Counter evaluated;
    private final Counter replays;
    private final Counter restored;
    private final Counter notOwned;
    private final Counter failed;
    private final Counter stopped;
    private final Counter published;
    private final Timer batchTimer;

    public DetectionEngine(DeviceConfigs configs, DeviceModels models, DevicePauses pauses, SnapshotStore snapshots,
            PartitionMarkStore marks,
            AnomalyPublisher publisher, DetectionConfig config, MeterRegistry registry,
            jakarta.enterprise.inject.Instance<EvaluationHook> hooks) {
        this.hooks = hooks.stream().sorted(java.util.Comparator.comparingInt(EvaluationHook::order)).toList();
        this.configs = configs;
        this.models = models;
        this.pauses = pauses;
        this.snapshots = snapshots;
        this.marks = marks;
        this.publisher = publisher;
        this.timeout = config.engineTimeout();
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "detection-engine");
            t.setDaemon(true);
            engineThread = t;
            return t;
        });
        registry.gauge("detection.devices", deviceCount);
        evaluated = registry.counter("detection.readings.evaluated");
        replays = registry.counter("detection.readings.skipped", "reason", "replay-or-late");
        restored = registry.counter("detection.readings.replayed-into-state");
        notOwned = registry.counter("detection.readings.skipped", "reason", "partition-not-owned");
        failed = registry.counter("detection.readings.skipped", "reason", "detection-failed");
        stopped = registry.counter("detection.readings.skipped", "reason", "session-stopped");
        published = registry.counter("detection.anomalies.published");
        batchTimer = registry.timer("detection.batch");
    }

    @PreDestroy
    void close() {
        executor.shutdown();
    }

    /** A reading and where it came from on plant.readings (offset -1: unknown, never replayed into state only). */
    public record IncomingReading(Reading reading, int partition, long offset) {
        public IncomingReading(Reading reading, int partition) {
            this(reading, partition, -1);
        }
    }

    /** What one batch did. */
    public record BatchOutcome(int evaluated, int skippedReplays, int skippedNotOwned, int failed, int anomalies) {
    }

    /** One device as the engine holds it. */
    public record DeviceStatus(String deviceId, int partition, long samples, boolean trained, Instant lastTs,
            List<String> channels, List<String> alarmDetectors, String model, boolean stopped,
            Instant lastStoppedTs) {
    }

    /** Partitions owned and devices held. */
    public record EngineStatus(List<Integer> ownedPartitions, int devices, List<DeviceStatus> deviceStates) {
    }

    /** A device's trained window model (for POST /infer). */
    public record WindowModel(io.plantwatch.detection.detector.multivariate.PcaModel model, List<String> channels,
            String modelId) {
    }

    // ------------------------------------------------------------------ entry points (any thread)

    /**
     * Evaluates a batch and publishes its anomalies and dead letters (waits for Kafka's acknowledgement).
     *
     * @param deadLetters records the caller could not read, published with the batch
     */
    public BatchOutcome process(List<IncomingReading> batch, List<DeadLetter> deadLetters) {
        return call(() -> batchTimer.recordCallable(() -> processBatch(batch, deadLetters)));
    }

    /** Missing-data check of every held device at wall-clock {@code now}; publishes what it finds. */
    public int tick(Instant now) {
        return call(() -> tickAll(now.toEpochMilli()));
    }

    /** The snapshot marks (partition → next offset not covered) of the owned partitions, as this engine knows them. */
    public Map<Integer, Long> offsetsCovered() {
        return call(() -> new java.util.TreeMap<>(nextOffset));
    }

    /** Stores the state of every device that changed since its last snapshot. */
    public int snapshotChanged() {
        return call(this::snapshotDirty);
    }

    /** Partitions assigned: restores their devices' snapshots (queued before any batch of those partitions). */
    public void assign(Collection<Integer> partitions) {
        assign(partitions, Map.of());
    }

    /**
     * Partitions assigned, some of them rewound to their snapshot mark: readings of partition p below
     * {@code replayBelow.get(p)} were evaluated and published by the former owner, and are evaluated into state only.
     */
    public void assign(Collection<Integer> partitions, Map<Integer, Long> replayBelow) {
        Set<Integer> parts = Set.copyOf(partitions);
        Map<Integer, Long> replay = Map.copyOf(replayBelow);
        executor.execute(() -> {
            try {
                this.replayBelow.putAll(replay);
                assignPartitions(parts);
            } catch (RuntimeException e) {
                LOG.warnf("restoring the devices of partitions %s failed (%s); they restore on their next reading",
                        new TreeSet<>(parts), e.toString());
            }
        });
    }

    /** Partitions revoked: snapshots their devices and drops them; waits, so the next owner finds the state. */
    public void revoke(Collection<Integer> partitions) {
        Set<Integer> parts = Set.copyOf(partitions);
        call(() -> {
            revokePartitions(parts);
            return null;
        });
    }

    /** Applies a configuration change (one device, or all with null) without waiting. */
    public void reconfigureLater(String deviceId) {
        executor.execute(() -> {
            try {
                reconfigure(deviceId);
            } catch (RuntimeException e) {
                LOG.warnf("applying the configuration of %s failed: %s", deviceId == null ? "all devices" : deviceId,
                        e.toString());
            }
        });
    }

    /** Applies a configuration change and waits until it is applied. */
    public void reconfigureNow(String deviceId) {
        call(() -> {
            reconfigure(deviceId);
            return null;
        });
    }

    /** A copy of a held device's state (null when this instance does not hold it); the live state is unchanged. */
    public StoredState copyOf(String deviceId) {
        return call(() -> {
            DeviceSlot s = devices.get(deviceId);
            return s == null ? null : s.toStored();
        });
    }

    /** The trained PCA window model of a held device, or null. */
    public WindowModel windowModel(String deviceId) {
        return call(() -> {
            DeviceSlot s = devices.get(deviceId);
            return s == null ? null : windowModelOf(s.detector);
        });
    }

    public EngineStatus status() {
        return call(() -> {
            List<DeviceStatus> list = new ArrayList<>();
            devices.values().stream().sorted(java.util.Comparator.comparing(s -> s.deviceId)).forEach(s ->
                    list.add(new DeviceStatus(s.deviceId, s.partition, s.detector.samples(), s.detector.trained(),
                            s.lastTs, s.detector.channels(), new ArrayList<>(new TreeSet<>(s.detector.alarmDetectors())),
                            s.modelKey, pauses.paused(s.deviceId), s.lastStoppedTs)));
            return new EngineStatus(new ArrayList<>(new TreeSet<>(owned)), devices.size(), list);
        });
    }

    /** The PCA window model of a detector, or null while untrained or when {@code pca} is off. */
    public static WindowModel windowModelOf(DeviceDetector detector) {
        var d = detector.deviceDetector(io.plantwatch.detection.detector.DetectorConfig.PCA);
        if (d instanceof io.plantwatch.detection.detector.multivariate.PcaT2QDetector p && p.windowModel() != null) {
            return new WindowModel(p.windowModel(), p.channels(), p.modelId());
        }
        return null;
    }

    // ------------------------------------------------------------------ engine thread

    private BatchOutcome processBatch(List<IncomingReading> batch, List<DeadLetter> deadLetters) {
        long wall = System.currentTimeMillis();
        loadUnknown(batch);
        List<AnomalyEvent> events = new ArrayList<>();
        List<DeadLetter> letters = new ArrayList<>(deadLetters);
        Set<DeviceSlot> touched = new LinkedHashSet<>();
        int ok = 0;
        int replay = 0;
        int foreign = 0;
        int bad = 0;
        int stateOnly = 0;
        Map<Integer, Long> reached = new HashMap<>();
        int halted = 0;
        for (IncomingReading in : batch) {
            Reading r = in.reading();
            DeviceSlot s = owned.contains(in.partition()) ? devices.get(r.deviceId()) : null;
            if (s == null) {
                foreign++;
                continue;
            }
            if (in.offset() >= 0) {
                reached.merge(in.partition(), in.offset() + 1, Math::max);
            }
            boolean replaying = in.offset() >= 0 && in.offset() < replayBelow.getOrDefault(in.partition(), -1L);
            s.partition = in.partition();
            if (pauses.paused(r.deviceId())) {
                // the device still talks, it is just not judged: no missing-data alarm when detection resumes
                s.lastWallMillis = wall;
                s.lastStoppedTs = r.ts();
                halted++;
                continue;
            }
            if (s.lastTs != null && !r.ts().isAfter(s.lastTs)) {
                replay++;
                continue;
            }
            List<Verdict> verdicts;
            try {
                verdicts = s.detector.evaluate(r.ts(), r.values());
            } catch (RuntimeException e) {
                bad++;
                if (replaying) {
                    continue;
                }
                letters.add(DeadLetters.of(r.deviceId(), r.source(), "detection-failed",
                        List.of("detection-service: " + e), EventJson.toJson(r)));
                continue;
            }
            ok++;
            s.lastTs = r.ts();
            s.lastReadingId = r.id();
            s.lastWallMillis = wall;
            s.dirty = true;
            touched.add(s);
            if (replaying) {
                // the former owner published this reading's events before committing it
                stateOnly++;
                continue;
            }
            List<AnomalyEvent> own = List.of();
            if (!verdicts.isEmpty()) {
                Set<String> alarm = s.detector.alarmDetectors();
                own = new ArrayList<>(verdicts.size());
                for (Verdict v : verdicts) {
                    own.add(VerdictEvents.toEvent(v, r.deviceId(), r.id(), alarm));
                }
            }
            for (EvaluationHook h : hooks) {
                try {
                    own = h.afterEvaluation(r, s.detector.lastResult(), s.modelKey, own);
                } catch (RuntimeException e) {
                    LOG.warnf("%s failed on reading %s of %s: %s", h.getClass().getSimpleName(), r.id(), r.deviceId(),
                            e.toString());
                }
            }
            events.addAll(own);
        }
        try {
            publisher.publishAndWait(events, letters, timeout);
        } catch (RuntimeException e) {
            // the detectors ran ahead of what reached Kafka: forget them, so the redelivered batch is evaluated again
            // from the last snapshot instead of being skipped as a replay
            for (DeviceSlot s : touched) {
                devices.remove(s.deviceId);
                if (s.partition >= 0) {
                    marksFrozen.add(s.partition);
                }
            }
            deviceCount.set(devices.size());
            throw e;
        }
        reached.forEach((p, next) -> nextOffset.merge(p, next, Math::max));
        restored.increment(stateOnly);
        evaluated.increment(ok);
        replays.increment(replay);
        notOwned.increment(foreign);
        failed.increment(bad);
        stopped.increment(halted);
        published.increment(events.size());
        return new BatchOutcome(ok, replay, foreign, bad, events.size());
    }

    /** Devices of owned partitions seen for the first time here: restore their snapshots (one query), or start. */
    private void loadUnknown(List<IncomingReading> batch) {
        Set<String> unknown = null;
        for (IncomingReading in : batch) {
            String id = in.reading().deviceId();
            if (owned.contains(in.partition()) && !devices.containsKey(id)) {
                if (unknown == null) {
                    unknown = new LinkedHashSet<>();
                }
                unknown.add(id);
            }
        }
        if (unknown == null) {
            return;
        }
        Map<String, StoredState> stored = new HashMap<>();
        for (StoredState s : snapshots.statesOf(unknown)) {
            stored.put(s.deviceId(), s);
        }
        for (String id : unknown) {
            StoredState s = stored.get(id);
            devices.put(id, s != null ? restore(s) : fresh(id));
        }
        deviceCount.set(devices.size());
    }

    /** A device's detector as configured, on its bound registry model if it has one; nothing learned yet. */
    private DeviceSlot fresh(String deviceId) {
        DeviceModels.Binding b = models.bindingOf(deviceId);
        DeviceSlot slot;
        if (b == null) {
            slot = new DeviceSlot(deviceId, new DeviceDetector(configs.effective(deviceId)));
        } else {
            slot = new DeviceSlot(deviceId, new DeviceDetector(DeviceModels.withModel(configs.effective(deviceId), b),
                    b.model()));
            slot.modelKey = b.key();
        }
        return slot;
    }

    private DeviceSlot restore(StoredState s) {
        DeviceModels.Binding b = models.bindingOf(s.deviceId());
        DetectorConfig config = b == null ? configs.effective(s.deviceId())
                : DeviceModels.withModel(configs.effective(s.deviceId()), b);
        String key = b == null ? null : b.key();
        DeviceSlot slot = null;
        if (s.snapshot() != null && DeviceSlot.structure(config, key).equals(s.structure())) {
            try {
                slot = new DeviceSlot(s.deviceId(), DeviceDetector.restore(config, s.snapshot()));
                slot.modelKey = key;
            } catch (RuntimeException e) {
                LOG.warnf("device %s: cannot restore its detector state (%s); learning again", s.deviceId(),
                        e.getMessage());
            }
        } else if (s.snapshot() != null) {
            LOG.infof("device %s: its detectors or model changed since the snapshot; starting on the current ones",
                    s.deviceId());
        }
        if (slot == null) {
            slot = fresh(s.deviceId());
        }
        slot.partition = s.partition();
        slot.lastTs = s.lastTs();
        slot.lastReadingId = s.lastReadingId();
        slot.lastWallMillis = s.lastWallMillis();
        return slot;
    }

    private int tickAll(long wall) {
        List<AnomalyEvent> events = new ArrayList<>();
        List<DeviceSlot> touched = new ArrayList<>();
        for (DeviceSlot s : devices.values()) {
            if (s.lastTs == null || !configs.monitored(s.deviceId) || pauses.paused(s.deviceId)) {
                continue;
            }
            List<Verdict> verdicts = s.detector.onTick(s.deviceNow(wall));
            if (verdicts.isEmpty()) {
                continue;
            }
            s.dirty = true;
            touched.add(s);
            Set<String> alarm = s.detector.alarmDetectors();
            for (Verdict v : verdicts) {
                events.add(VerdictEvents.toEvent(v, s.deviceId, VerdictEvents.gapReadingId(s.lastReadingId, v), alarm));
            }
        }
        if (events.isEmpty()) {
            return 0;
        }
        try {
            publisher.publishAndWait(events, List.of(), timeout);
        } catch (RuntimeException e) {
            // the gaps are marked as reported but were not published: go back to the stored state, which reports again
            LOG.warnf("publishing %d missing-data anomalies failed (%s); reloading those devices", events.size(),
                    e.toString());
            reload(touched);
            return 0;
        }
        published.increment(events.size());
        return events.size();
    }

    private void reload(List<DeviceSlot> slots) {
        List<String> ids = slots.stream().map(s -> s.deviceId).toList();
        ids.forEach(devices::remove);
        try {
            for (StoredState s : snapshots.statesOf(ids)) {
                devices.put(s.deviceId(), restore(s));
            }
        } catch (RuntimeException e) {
            LOG.warnf("reloading %d devices failed (%s); they reload on their next reading", ids.size(), e.toString());
        }
        deviceCount.set(devices.size());
    }

    private int snapshotDirty() {
        List<DeviceSlot> dirty = new ArrayList<>();
        for (DeviceSlot s : devices.values()) {
            if (s.dirty) {
                dirty.add(s);
            }
        }
        int saved = save(dirty);
        storeMarks(owned);
        return saved;
    }

    /** After the snapshots: every reading below each partition's next offset is in a stored device state. */
    private void storeMarks(Collection<Integer> partitions) {
        Map<Integer, Long> covered = new HashMap<>();
        for (Integer p : partitions) {
            Long next = nextOffset.get(p);
            if (next != null && !marksFrozen.contains(p)) {
                covered.put(p, next);
            }
        }
        if (!covered.isEmpty()) {
            marks.advance(covered);
        }
    }

    private int save(List<DeviceSlot> slots) {
        if (slots.isEmpty()) {
            return 0;
        }
        List<StoredState> states = new ArrayList<>(slots.size());
        for (DeviceSlot s : slots) {
            states.add(s.toStored());
        }
        int stale = snapshots.saveAll(states);
        if (stale > 0) {
            LOG.infof("%d device snapshots not written: a newer state is stored (their partitions moved)", stale);
        }
        for (DeviceSlot s : slots) {
            s.dirty = false;
        }
        return slots.size();
    }

    private void assignPartitions(Set<Integer> parts) {
        owned.addAll(parts);
        for (StoredState s : snapshots.statesInPartitions(parts)) {
            if (!devices.containsKey(s.deviceId())) {
                devices.put(s.deviceId(), restore(s));
            }
        }
        deviceCount.set(devices.size());
    }

    private void revokePartitions(Set<Integer> parts) {
        owned.removeAll(parts);
        List<DeviceSlot> leaving = new ArrayList<>();
        for (DeviceSlot s : devices.values()) {
            if (parts.contains(s.partition)) {
                leaving.add(s);
            }
        }
        try {
            save(leaving.stream().filter(s -> s.dirty).toList());
            storeMarks(parts);
        } catch (RuntimeException e) {
            LOG.errorf("snapshot of %d devices of revoked partitions %s failed (%s): their next owner continues from"
                    + " their previous snapshots", leaving.size(), new TreeSet<>(parts), e.toString());
        }
        for (DeviceSlot s : leaving) {
            devices.remove(s.deviceId);
        }
        for (Integer p : parts) {
            nextOffset.remove(p);
            replayBelow.remove(p);
            marksFrozen.remove(p);
        }
        deviceCount.set(devices.size());
    }

    private void reconfigure(String deviceId) {
        Collection<DeviceSlot> targets = deviceId == null ? devices.values()
                : devices.containsKey(deviceId) ? List.of(devices.get(deviceId)) : List.of();
        for (DeviceSlot s : targets) {
            DeviceModels.Binding b = models.bindingOf(s.deviceId);
            String key = b == null ? null : b.key();
            if (!java.util.Objects.equals(key, s.modelKey)) {
                // another model (or none): the device-level detector is replaced; the stream position is kept
                DeviceSlot next = fresh(s.deviceId);
                s.detector = next.detector;
                s.modelKey = next.modelKey;
                s.dirty = true;
                LOG.infof("device %s now runs %s", s.deviceId, key == null ? "its own learned detectors"
                        : "registry model " + key);
                continue;
            }
            DetectorConfig config = b == null ? configs.effective(s.deviceId)
                    : DeviceModels.withModel(configs.effective(s.deviceId), b);
            DeviceDetector d = Detectors.reconfigure(s.detector, config);
            if (d != s.detector) {
                s.detector = d;
                s.dirty = true;
            }
        }
    }

    // ------------------------------------------------------------------ hand-off

    private <T> T call(Callable<T> task) {
        if (Thread.currentThread() == engineThread) {
            try {
                return task.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        Future<T> f = executor.submit(task);
        try {
            return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(c);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the detection engine did not answer within " + timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the detection engine");
        }
    }
}
