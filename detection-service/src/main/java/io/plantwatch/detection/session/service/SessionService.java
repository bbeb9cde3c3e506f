package io.plantwatch.detection.session.service;

import io.plantwatch.contracts.api.ApiError;
import io.plantwatch.contracts.api.ApiException;
import io.plantwatch.contracts.event.AnomalyEvent;
import io.plantwatch.contracts.event.DetectionSessionEvent;
import io.plantwatch.contracts.event.Reading;
import io.plantwatch.detection.detector.SampleResult;
import io.plantwatch.detection.model.service.ModelRegistry;
import io.plantwatch.detection.model.service.ModelSelections;
import io.plantwatch.detection.pipeline.service.DevicePauses;
import io.plantwatch.detection.pipeline.service.EvaluationHook;
import io.plantwatch.detection.session.kafka.SessionEventPublisher;
import io.plantwatch.detection.session.config.SessionsConfig;
import io.plantwatch.detection.session.repository.LogEntity;
import io.plantwatch.detection.session.repository.SessionEntity;
import io.plantwatch.detection.session.repository.SessionStores;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Detection sessions (start / stop / status per device, optionally on a registry model) and their evaluation log.
 * A stop halts detection of the device on every instance (no evaluation, no anomaly) until it is started again; a
 * device that never had a session is evaluated as usual. Starts and stops are stored in MongoDB (with a revision per
 * device) and published on plant.detection-sessions, which every instance applies ({@link #apply}); at start an
 * instance loads them from MongoDB. While a session is active, every evaluation of the device is counted and a sample of them (one in
 * {@code logEvery}, plus every one with anomalies) is logged; counters and log entries are written to MongoDB by a
 * timer, never from the engine thread. The log is bounded by that sampling, a cap on pending entries and a TTL index.
 */
@ApplicationScoped
public class SessionService implements EvaluationHook, DevicePauses {

    private static final Logger LOG = Logger.getLogger(SessionService.class);

    private final SessionStores.Sessions sessions;
    private final SessionStores.Logs logs;
    private final ModelRegistry registry;
    private final ModelSelections selections;
    private final SessionsConfig config;
    private final SessionEventPublisher publisher;
    /** Latest start / stop applied per device (from MongoDB at start, then from the topic). */
    private final Map<String, DetectionSessionEvent> states = new ConcurrentHashMap<>();
    private final Map<String, Live> active = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<LogEntity> pending = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pendingCount = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();

    public SessionService(SessionStores.Sessions sessions, SessionStores.Logs logs, ModelRegistry registry,
            ModelSelections selections, SessionsConfig config, SessionEventPublisher publisher) {
        this.sessions = sessions;
        this.logs = logs;
        this.registry = registry;
        this.selections = selections;
        this.config = config;
        this.publisher = publisher;
    }

    /** Counts of an active session not yet written to MongoDB. */
    private static final class Live {
        final String sessionId;
        final AtomicLong evaluated = new AtomicLong();
        final AtomicLong anomalies = new AtomicLong();
        volatile Double lastScore;
        volatile Instant lastTs;
        long seen; // engine thread only

        Live(String sessionId) {
            this.sessionId = sessionId;
        }
    }

    /** A session as the API shows it. */
    public record SessionView(String deviceId, boolean active, Instant since, Instant stoppedAt, String model,
            String startedBy, long readingsEvaluated, long anomaliesFound, Double lastScore, Instant lastTs) {
    }

    /** One logged evaluation. */
    public record LogView(String deviceId, Instant ts, String readingId, double score, boolean alarm, int anomalies,
            List<String> detectors, String model, String sessionId) {
    }

    void onStart(@Observes StartupEvent ignored) {
        try {
            logs.ensureIndexes(config.logRetention());
        } catch (RuntimeException e) {
            LOG.warnf("detection log indexes not created: %s", e.toString());
        }
        refreshActive();
    }

    // ------------------------------------------------------------------ engine thread

    @Override
    public int order() {
        return 90; // after the hooks that add or enrich events
    }

    @Override
    public List<AnomalyEvent> afterEvaluation(Reading reading, SampleResult result, String modelKey,
            List<AnomalyEvent> events) {
        Live l = active.get(reading.deviceId());
        if (l == null) {
            return events;
        }
        l.evaluated.incrementAndGet();
        l.anomalies.addAndGet(events.size());
        l.lastScore = result == null ? null : result.score();
        l.lastTs = reading.ts();
        if (!events.isEmpty() || l.seen++ % config.logEvery() == 0) {
            if (pendingCount.incrementAndGet() > config.maxPendingLogs()) {
                pendingCount.decrementAndGet();
                dropped.incrementAndGet();
                return events;
            }
            LogEntity e = new LogEntity();
            e.id = reading.id() + ":" + l.sessionId;
            e.sessionId = l.sessionId;
            e.deviceId = reading.deviceId();
            e.ts = Date.from(reading.ts());
            e.at = new Date();
            e.readingId = reading.id();
            e.score = result == null ? 0 : result.score();
            e.alarm = result != null && result.alarmActive();
            e.anomalies = events.size();
            e.detectors = new ArrayList<>(new TreeSet<>(events.stream().map(AnomalyEvent::detector).toList()));
            e.model = modelKey;
            pending.add(e);
        }
        return events;
    }

    // ------------------------------------------------------------------ timer

    @Scheduled(every = "{plantwatch.sessions.flush-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void flush() {
        active.forEach(this::flushCounts);
        List<LogEntity> batch = new ArrayList<>();
        for (LogEntity e; (e = pending.poll()) != null; ) {
            pendingCount.decrementAndGet();
            batch.add(e);
        }
        try {
            logs.insertAll(batch);
        } catch (RuntimeException e) {
            LOG.warnf("%d detection log entries not written: %s", batch.size(), e.toString());
        }
        long lost = dropped.getAndSet(0);
        if (lost > 0) {
            LOG.warnf("%d detection log entries dropped: more than %d were waiting", lost, config.maxPendingLogs());
        }
        refreshActive();
    }

    private void flushCounts(String deviceId, Live l) {
        long ev = l.evaluated.getAndSet(0);
        long an = l.anomalies.getAndSet(0);
        if (ev == 0 && an == 0) {
            return;
        }
        try {
            sessions.add(deviceId, l.sessionId, ev, an, l.lastScore, l.lastTs);
        } catch (RuntimeException e) {
            l.evaluated.addAndGet(ev);
            l.anomalies.addAndGet(an);
            LOG.warnf("session counters of %s not written: %s", deviceId, e.toString());
        }
    }

    /** Sessions started or stopped on other instances, as stored (a fallback to their events). */
    private void refreshActive() {
        for (SessionEntity e : sessions.listAll()) {
            apply(eventOf(e));
        }
    }

    /** Applies a start / stop unless a newer one of the device was applied already. Thread-safe. */
    public void apply(DetectionSessionEvent event) {
        DetectionSessionEvent now = states.merge(event.deviceId(), event,
                (known, given) -> given.revision() > known.revision() ? given : known);
        if (now != event) {
            return;
        }
        if (event.active()) {
            active.compute(event.deviceId(), (d, l) -> l != null && l.sessionId.equals(event.sessionId()) ? l
                    : new Live(event.sessionId()));
        } else {
            Live l = active.remove(event.deviceId());
            if (l != null) {
                flushCounts(event.deviceId(), l);
            }
        }
    }

    @Override
    public boolean paused(String deviceId) {
        DetectionSessionEvent s = states.get(deviceId);
        return s != null && !s.active();
    }

    private static DetectionSessionEvent eventOf(SessionEntity e) {
        return new DetectionSessionEvent(DetectionSessionEvent.SCHEMA_VERSION, e.deviceId, e.sessionId, e.active,
                e.modelId, e.startedBy, e.revision, e.active ? e.since : e.stoppedAt);
    }

    /** Stores, applies here at once and announces to every instance (this one ignores its own echo). */
    private SessionEntity announce(SessionEntity e) {
        SessionEntity saved = sessions.saveAndBump(e);
        DetectionSessionEvent event = eventOf(saved);
        apply(event);
        publisher.publish(event);
        return saved;
    }

    // ------------------------------------------------------------------ API

    /** Starts (or restarts) a device's session, optionally binding a registry model to the device first. */
    public SessionView start(String deviceId, String modelId, ModelRegistry.Caller caller) {
        if (deviceId == null || deviceId.isBlank()) {
            throw ApiException.invalid("deviceId", "is required");
        }
        if (modelId != null && !modelId.isBlank()) {
            registry.bind(deviceId, modelId, caller);
        }
        SessionEntity e = new SessionEntity();
        e.deviceId = deviceId;
        e.active = true;
        e.since = Instant.now();
        e.sessionId = UUID.randomUUID().toString();
        e.modelId = modelId == null || modelId.isBlank() ? selections.selectedModel(deviceId) : modelId;
        e.startedBy = caller.name();
        return view(announce(e));
    }

    public SessionView stop(String deviceId) {
        if (deviceId == null || deviceId.isBlank()) {
            throw ApiException.invalid("deviceId", "is required");
        }
        SessionEntity e = sessions.findById(deviceId);
        if (e == null || !e.active) {
            throw ApiException.conflict("no active detection session on device " + deviceId);
        }
        Live l = active.remove(deviceId);
        if (l != null) {
            flushCounts(deviceId, l);
        }
        e = sessions.findById(deviceId);
        e.active = false;
        e.stoppedAt = Instant.now();
        return view(announce(e));
    }

    public List<SessionView> status(String deviceId) {
        List<SessionView> out = new ArrayList<>();
        List<SessionEntity> list = deviceId == null ? sessions.listAll()
                : java.util.Optional.ofNullable(sessions.findById(deviceId)).map(List::of).orElse(List.of());
        list.stream().sorted(java.util.Comparator.comparing(s -> s.deviceId)).forEach(s -> out.add(view(s)));
        return out;
    }

    public List<LogView> logs(String deviceId, Instant from, Instant to, Boolean alarm, Double minScore, int page,
            int size) {
        List<ApiError.FieldError> errors = new ArrayList<>();
        if (page < 0) {
            errors.add(new ApiError.FieldError("page", "must be >= 0"));
        }
        if (size < 1 || size > 1000) {
            errors.add(new ApiError.FieldError("size", "must be from 1 to 1000"));
        }
        if (from != null && to != null && !from.isBefore(to)) {
            errors.add(new ApiError.FieldError("from", "must be before to"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return logs.page(deviceId, from, to, alarm, minScore, page, size).stream()
                .map(e -> new LogView(e.deviceId, e.ts.toInstant(), e.readingId, e.score, e.alarm, e.anomalies,
                        e.detectors, e.model, e.sessionId)).toList();
    }

    private SessionView view(SessionEntity s) {
        Live l = s.active ? active.get(s.deviceId) : null;
        boolean mine = l != null && l.sessionId.equals(s.sessionId);
        String model = s.active ? selections.selectedModel(s.deviceId) : s.modelId;
        return new SessionView(s.deviceId, s.active, s.since, s.stoppedAt, model, s.startedBy,
                s.evaluated + (mine ? l.evaluated.get() : 0), s.anomalies + (mine ? l.anomalies.get() : 0),
                mine && l.lastScore != null ? l.lastScore : s.lastScore,
                mine && l.lastTs != null ? l.lastTs : s.lastTs);
    }
}
