package io.plantwatch.detection.cause.service;

import io.plantwatch.contracts.event.AnomalyEvent;
import io.plantwatch.contracts.event.Reading;
import io.plantwatch.contracts.event.Severity;
import io.plantwatch.detection.cause.config.CausesConfig;
import io.plantwatch.detection.detector.SampleResult;
import io.plantwatch.detection.pipeline.service.EvaluationHook;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Suggests a probable cause (with confidence and maintenance hint) on the anomalies that can open alarms (WARNING and
 * above) of devices whose type has a trained cause classifier. Keeps the last window + baseline rows of such devices
 * (engine thread only), so the features are those an operator's label of the same window would give.
 */
@ApplicationScoped
public class CauseHook implements EvaluationHook {

    private final CauseService causes;
    private final int window;
    private final int capacity;
    private final Map<String, Recent> recent = new HashMap<>();

    public CauseHook(CauseService causes, CausesConfig config) {
        this.causes = causes;
        this.window = config.windowSamples();
        this.capacity = config.windowSamples() + config.baselineSamples();
    }

    private static final class Recent {
        final CauseService.Trained trained;
        final ArrayDeque<double[]> rows = new ArrayDeque<>();
        final double[] last;

        Recent(CauseService.Trained trained) {
            this.trained = trained;
            last = new double[trained.channels().size()];
            Arrays.fill(last, Double.NaN);
        }
    }

    @Override
    public int order() {
        return 50;
    }

    @Override
    public List<AnomalyEvent> afterEvaluation(Reading reading, SampleResult result, String modelKey,
            List<AnomalyEvent> events) {
        Recent r = recentOf(reading);
        if (r == null) {
            return events;
        }
        for (int c = 0; c < r.last.length; c++) {
            Double v = reading.values().get(r.trained.channels().get(c));
            if (v != null && !v.isNaN()) {
                r.last[c] = v;
            }
        }
        r.rows.addLast(r.last.clone());
        if (r.rows.size() > capacity) {
            r.rows.removeFirst();
        }
        if (events.isEmpty() || r.rows.size() < window + 3) {
            return events;
        }
        List<AnomalyEvent> out = null;
        CauseService.Suggested s = null;
        for (int i = 0; i < events.size(); i++) {
            AnomalyEvent e = events.get(i);
            if (e.probableCause() != null || !e.severity().atLeast(Severity.WARNING)) {
                continue;
            }
            if (s == null) {
                List<double[]> all = new ArrayList<>(r.rows);
                s = causes.suggest(r.trained, CauseFeatures.of(r.trained.channels(),
                        all.subList(0, all.size() - window), all.subList(all.size() - window, all.size())));
            }
            if (out == null) {
                out = new ArrayList<>(events);
            }
            out.set(i, new AnomalyEvent(e.schemaVersion(), e.id(), e.readingId(), e.deviceId(), e.channel(),
                    e.channels(), e.ts(), e.detector(), e.modelId(), e.type(), e.severity(), e.score(), e.threshold(),
                    e.value(), e.expectedLow(), e.expectedHigh(), e.message(),
                    new AnomalyEvent.ProbableCause(s.cause(), s.confidence(), s.hint())));
        }
        return out == null ? events : out;
    }

    /** The device's recent rows, when its type has a classifier (re-created when the classifier is retrained). */
    private Recent recentOf(Reading reading) {
        Recent r = recent.get(reading.deviceId());
        String type = r != null ? r.trained.deviceType()
                : causes.typeOf(reading.deviceId(), List.copyOf(new TreeSet<>(reading.values().keySet())));
        CauseService.Trained t = causes.classifierOf(type);
        if (t == null) {
            recent.remove(reading.deviceId());
            return null;
        }
        if (r == null || r.trained != t) {
            Recent fresh = new Recent(t);
            if (r != null && r.trained.channels().equals(t.channels())) {
                fresh.rows.addAll(r.rows);
                System.arraycopy(r.last, 0, fresh.last, 0, fresh.last.length);
            }
            recent.put(reading.deviceId(), fresh);
            return fresh;
        }
        return r;
    }
}
