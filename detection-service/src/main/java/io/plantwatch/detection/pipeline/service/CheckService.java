package io.plantwatch.detection.pipeline.service;

import io.plantwatch.contracts.api.ApiError;
import io.plantwatch.contracts.api.ApiException;
import io.plantwatch.contracts.event.AnomalyEvent;
import io.plantwatch.contracts.event.EventIds;
import io.plantwatch.detection.configuration.service.DeviceConfigs;
import io.plantwatch.detection.detector.DetectorConfig;
import io.plantwatch.detection.detector.DeviceDetector;
import io.plantwatch.detection.detector.SampleResult;
import io.plantwatch.detection.detector.Verdict;
import io.plantwatch.detection.pipeline.config.DetectionConfig;
import io.plantwatch.detection.pipeline.repository.SnapshotStore;
import io.plantwatch.detection.pipeline.repository.StoredState;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * POST /anomalies/check: runs a device's live configuration and learned state on posted samples, as if they were
 * its next readings, on a private copy — nothing is stored or published and the live state does not change.
 */
@ApplicationScoped
public class CheckService {

    private final DeviceConfigs configs;
    private final DetectionEngine engine;
    private final SnapshotStore snapshots;
    private final int maxSamples;

    public CheckService(DeviceConfigs configs, DetectionEngine engine, SnapshotStore snapshots,
            DetectionConfig config) {
        this.configs = configs;
        this.engine = engine;
        this.snapshots = snapshots;
        this.maxSamples = config.maxCheckSamples();
    }

    /** A posted sample. */
    public record Sample(Instant ts, Map<String, Double> values) {
    }

    /** The engine's judgement of one sample: the events it would publish, its score and alarm flags. */
    public record CheckedSample(Instant ts, String readingId, double score, boolean alarmActive, boolean alarmOnset,
            boolean trained, List<AnomalyEvent> verdicts) {
    }

    /**
     * @param reference where the learned state came from: {@code live} (this instance holds the device),
     *                  {@code snapshot} (its last stored state) or {@code fresh} (never seen: warm-up not done)
     */
    public record CheckResult(String deviceId, String reference, long samplesBefore, List<CheckedSample> samples) {
    }

    public CheckResult check(String deviceId, List<Sample> samples, String samplesField) {
        validate(deviceId, samples, samplesField);
        DetectorConfig config = configs.effective(deviceId);
        StoredState state = engine.copyOf(deviceId);
        String reference = "live";
        if (state == null) {
            state = snapshots.stateOf(deviceId);
            reference = state == null ? "fresh" : "snapshot";
        }
        DeviceDetector detector = state == null ? new DeviceDetector(config)
                : Detectors.restoreOrFresh(config, state.structure(), state.snapshot());
        long before = detector.samples();
        List<CheckedSample> out = new ArrayList<>(samples.size());
        for (Sample s : samples) {
            List<Verdict> verdicts = detector.evaluate(s.ts(), s.values());
            SampleResult r = detector.lastResult();
            String readingId = EventIds.readingId(deviceId, s.ts());
            List<AnomalyEvent> events = new ArrayList<>(verdicts.size());
            for (Verdict v : verdicts) {
                events.add(VerdictEvents.toEvent(v, deviceId, readingId, detector.alarmDetectors()));
            }
            out.add(new CheckedSample(s.ts(), readingId, r.score(), r.alarmActive(), r.alarmOnset(), r.trained(),
                    events));
        }
        return new CheckResult(deviceId, reference, before, out);
    }

    private void validate(String deviceId, List<Sample> samples, String field) {
        List<ApiError.FieldError> errors = new ArrayList<>();
        if (deviceId == null || deviceId.isBlank()) {
            errors.add(new ApiError.FieldError("deviceId", "is required"));
        }
        if (samples == null || samples.isEmpty()) {
            errors.add(new ApiError.FieldError(field, "needs at least one sample"));
        } else if (samples.size() > maxSamples) {
            errors.add(new ApiError.FieldError(field, "has " + samples.size() + " samples; at most " + maxSamples));
        } else {
            Instant previous = null;
            for (int i = 0; i < samples.size(); i++) {
                String prefix = field.equals("samples") ? "samples[" + i + "]" : "";
                String dot = prefix.isEmpty() ? "" : prefix + ".";
                Sample s = samples.get(i);
                if (s == null) {
                    errors.add(new ApiError.FieldError(prefix, "must be a sample {ts, values}"));
                    continue;
                }
                if (s.ts() == null) {
                    errors.add(new ApiError.FieldError(dot + "ts", "is required"));
                } else if (previous != null && !s.ts().isAfter(previous)) {
                    errors.add(new ApiError.FieldError(dot + "ts", "must be after the previous sample's ts "
                            + previous));
                }
                if (s.ts() != null) {
                    previous = s.ts();
                }
                if (s.values() == null || s.values().isEmpty()) {
                    errors.add(new ApiError.FieldError(dot + "values", "needs at least one channel value"));
                } else {
                    for (Map.Entry<String, Double> e : s.values().entrySet()) {
                        if (e.getValue() == null || !Double.isFinite(e.getValue())) {
                            errors.add(new ApiError.FieldError(dot + "values." + e.getKey(),
                                    "must be a finite number, got " + e.getValue()));
                        }
                    }
                }
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
    }
}
