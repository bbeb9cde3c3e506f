package io.plantwatch.detection.forecast.service;

import io.plantwatch.contracts.event.AnomalyEvent;
import io.plantwatch.contracts.event.AnomalyType;
import io.plantwatch.contracts.event.EventIds;
import io.plantwatch.contracts.event.Reading;
import io.plantwatch.detection.detector.Fmt;
import io.plantwatch.detection.detector.SampleResult;
import io.plantwatch.detection.detector.Severities;
import io.plantwatch.detection.forecast.config.ForecastConfig;
import io.plantwatch.detection.forecast.repository.ForecastEntity;
import io.plantwatch.detection.forecast.repository.ForecastStore;
import io.plantwatch.detection.pipeline.service.EvaluationHook;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compares live readings with the latest forecast of each channel: a value far outside the forecast's prediction
 * interval (more than {@code deviationFactor} half-widths from the forecast, on its side) raises a
 * {@code FORECAST_DEVIATION} anomaly (detector {@code forecast}), once per forecast step. The forecasts are held in
 * memory (loaded at start and refreshed from MongoDB), so the check costs a map lookup per reading.
 */
@ApplicationScoped
public class ForecastWatch implements EvaluationHook {

    public static final String DETECTOR = "forecast";

    private final ForecastStore store;
    private final double factor;
    private final Map<String, Watched> byChannel = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> channelsByDevice = new ConcurrentHashMap<>();
    private volatile Instant lastRefresh = Instant.EPOCH;

    public ForecastWatch(ForecastStore store, ForecastConfig config) {
        this.store = store;
        this.factor = config.deviationFactor();
    }

    /** A forecast as the check needs it; {@code reported} holds the steps already reported (engine thread only). */
    private record Watched(String deviceId, String channel, Instant generatedAt, long startMillis, long stepMillis,
            double[] value, double[] low, double[] high, Set<Integer> reported) {
    }

    void load(@Observes StartupEvent ignored) {
        refresh();
    }

    @Scheduled(every = "{plantwatch.forecast.refresh-interval}", delayed = "{plantwatch.forecast.refresh-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        Instant since = lastRefresh.minus(Duration.ofMinutes(1));
        lastRefresh = Instant.now();
        for (ForecastEntity e : store.generatedSince(since)) {
            accept(e);
        }
    }

    /** Starts watching a forecast (replacing an older one of the same channel). */
    public void accept(ForecastEntity e) {
        if (e.points == null || e.points.isEmpty()) {
            return;
        }
        Watched known = byChannel.get(e.id);
        if (known != null && !e.generatedAt.isAfter(known.generatedAt())) {
            return;
        }
        int n = e.points.size();
        double[] v = new double[n];
        double[] lo = new double[n];
        double[] hi = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = e.points.get(i).value;
            lo[i] = e.points.get(i).low;
            hi[i] = e.points.get(i).high;
        }
        byChannel.put(e.id, new Watched(e.deviceId, e.channel, e.generatedAt, e.points.get(0).ts.toEpochMilli(),
                e.stepMillis, v, lo, hi, ConcurrentHashMap.newKeySet()));
        channelsByDevice.computeIfAbsent(e.deviceId, k -> ConcurrentHashMap.newKeySet()).add(e.channel);
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public List<AnomalyEvent> afterEvaluation(Reading reading, SampleResult result, String modelKey,
            List<AnomalyEvent> events) {
        Set<String> channels = channelsByDevice.get(reading.deviceId());
        if (channels == null) {
            return events;
        }
        List<AnomalyEvent> out = events;
        for (String channel : channels) {
            Double value = reading.values().get(channel);
            Watched w = byChannel.get(ForecastStore.idOf(reading.deviceId(), channel));
            if (value == null || value.isNaN() || w == null) {
                continue;
            }
            AnomalyEvent e = check(w, reading, value);
            if (e != null) {
                if (out == events) {
                    out = new ArrayList<>(events);
                }
                out.add(e);
            }
        }
        return out;
    }

    private AnomalyEvent check(Watched w, Reading r, double v) {
        long t = r.ts().toEpochMilli();
        // the step whose interval [start + k·step − step/2, start + k·step + step/2) holds the reading
        long k = Math.floorDiv(t - w.startMillis() + w.stepMillis() / 2, w.stepMillis());
        if (k < 0 || k >= w.value().length) {
            return null;
        }
        int i = (int) k;
        double center = w.value()[i];
        double half = v >= center ? w.high()[i] - center : center - w.low()[i];
        half = Math.max(half, 1e-9 * Math.max(1, Math.abs(center)));
        double ratio = Math.abs(v - center) / half;
        if (ratio <= factor || !w.reported().add(i)) {
            return null;
        }
        String msg = String.format("%s %s is %s× the forecast's margin %s the forecast %s (90 %% interval %s–%s,"
                        + " forecast of %s)", w.channel(), Fmt.num(v), Fmt.one(ratio), v >= center ? "above" : "below",
                Fmt.num(center), Fmt.num(w.low()[i]), Fmt.num(w.high()[i]), w.generatedAt());
        return new AnomalyEvent(AnomalyEvent.SCHEMA_VERSION, EventIds.anomalyId(r.id(), DETECTOR + ":" + w.channel()),
                r.id(), r.deviceId(), w.channel(), List.of(w.channel()), r.ts(), DETECTOR,
                "forecast:" + w.deviceId() + "|" + w.channel() + "@" + w.generatedAt(), AnomalyType.FORECAST_DEVIATION,
                Severities.fromRatio(ratio / factor), ratio, factor, v, w.low()[i], w.high()[i], msg, null);
    }
}
