package io.plantwatch.detection.forecast.service;

import io.plantwatch.contracts.api.ApiError;
import io.plantwatch.contracts.api.ApiException;
import io.plantwatch.detection.backtest.Sample;
import io.plantwatch.detection.backtest.service.BacktestService;
import io.plantwatch.detection.forecast.repository.ForecastEntity;
import io.plantwatch.detection.forecast.repository.ForecastStore;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Forecasts of a device channel from its stored history (report-service): generate (and store as the channel's latest
 * forecast, which the live deviation check uses), or read the latest.
 */
@ApplicationScoped
public class ForecastService {

    /** Longest horizon served. */
    static final Duration MAX_HORIZON = Duration.ofDays(14);
    static final int MAX_STEPS = 5000;

    private final BacktestService data;
    private final ForecastStore store;
    private final ForecastWatch watch;

    public ForecastService(BacktestService data, ForecastStore store, ForecastWatch watch) {
        this.data = data;
        this.store = store;
        this.watch = watch;
    }

    /**
     * A forecast request.
     *
     * @param horizon     e.g. {@code 48h}, {@code 2d}, {@code PT24H} (default 48h)
     * @param step        resampling step, e.g. {@code 1h} (default), {@code 15m}
     * @param historyDays days of history to learn from, ending now (default 28)
     * @param origins     rolling origins of the accuracy backtest (default 4)
     */
    public record GenerateRequest(String deviceId, String channel, String horizon, String step, Integer historyDays,
            Integer origins) {
    }

    /** A forecast as the API shows it. */
    public record ForecastView(String deviceId, String channel, Instant generatedAt, String generatedBy,
            Instant historyFrom, Instant historyTo, long stepSeconds, int seasonSteps, int trainedOn, String method,
            Accuracy accuracy, List<Forecaster.Point> points) {
    }

    /** Rolling-origin backtest of the method on this history, against seasonal-naive. */
    public record Accuracy(int origins, int horizonSteps, Double mape, double rmse, Double naiveMape, double naiveRmse,
            double skill, boolean beatsSeasonalNaive) {
    }

    public static final String METHOD = "Tribuo LinearSGDTrainer (squared loss, AdaGrad) on lags y(t-1), y(t-2),"
            + " y(t-season±1) and hour-of-day / day-of-week harmonics; recursive; 90 % intervals from backtest errors";

    public ForecastView generate(GenerateRequest r, String user, String authorization) {
        if (r == null) {
            throw ApiException.invalid("body", "is required: {deviceId, channel, horizon}");
        }
        List<ApiError.FieldError> errors = new ArrayList<>();
        if (r.deviceId() == null || r.deviceId().isBlank()) {
            errors.add(new ApiError.FieldError("deviceId", "is required"));
        }
        if (r.channel() == null || r.channel().isBlank()) {
            errors.add(new ApiError.FieldError("channel", "is required"));
        }
        Duration horizon = duration("horizon", r.horizon() == null ? "48h" : r.horizon(), errors);
        Duration step = duration("step", r.step() == null ? "1h" : r.step(), errors);
        int days = r.historyDays() == null ? 28 : r.historyDays();
        if (days < 2 || days > 366) {
            errors.add(new ApiError.FieldError("historyDays", "must be from 2 to 366"));
        }
        int origins = r.origins() == null ? 4 : r.origins();
        if (origins < 1 || origins > 20) {
            errors.add(new ApiError.FieldError("origins", "must be from 1 to 20"));
        }
        if (horizon != null && step != null) {
            if (horizon.compareTo(MAX_HORIZON) > 0) {
                errors.add(new ApiError.FieldError("horizon", "must be at most " + MAX_HORIZON.toDays() + " days"));
            } else if (step.isZero() || step.toMillis() < 1000 || horizon.toMillis() < step.toMillis()) {
                errors.add(new ApiError.FieldError("step", "must be at least 1 s and at most the horizon"));
            } else if (horizon.toMillis() / step.toMillis() > MAX_STEPS) {
                errors.add(new ApiError.FieldError("step", "gives more than " + MAX_STEPS + " steps; use a longer one"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        Instant to = Instant.now();
        Instant from = to.minus(Duration.ofDays(days));
        List<Sample> history = data.samplesFromHistory(r.deviceId(), from, to, List.of(r.channel()), authorization);
        List<long[]> tsList = new ArrayList<>();
        long[] ts = new long[history.size()];
        double[] values = new double[history.size()];
        int n = 0;
        for (Sample s : history) {
            Double v = s.values().get(r.channel());
            if (v != null && !v.isNaN()) {
                ts[n] = s.ts().toEpochMilli();
                values[n] = v;
                n++;
            }
        }
        tsList.clear();
        if (n == 0) {
            throw ApiException.invalid("channel", "device " + r.deviceId() + " has no stored values of '"
                    + r.channel() + "' in the last " + days + " days");
        }
        long stepMs = step.toMillis();
        int season = seasonSteps(stepMs);
        int horizonSteps = (int) (horizon.toMillis() / stepMs);
        Forecaster.Series series = Forecaster.resample(java.util.Arrays.copyOf(ts, n),
                java.util.Arrays.copyOf(values, n), stepMs);
        Forecaster.Result result;
        try {
            result = Forecaster.forecast(series, horizonSteps, season, origins);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("historyDays", e.getMessage());
        }
        ForecastEntity e = new ForecastEntity();
        e.id = ForecastStore.idOf(r.deviceId(), r.channel());
        e.deviceId = r.deviceId();
        e.channel = r.channel();
        e.generatedAt = Instant.now();
        e.generatedBy = user;
        e.historyFrom = Instant.ofEpochMilli(ts[0]);
        e.historyTo = Instant.ofEpochMilli(ts[n - 1]);
        e.stepMillis = stepMs;
        e.seasonSteps = season;
        e.trainedOn = result.trainedOn();
        e.points = new ArrayList<>();
        for (Forecaster.Point p : result.points()) {
            ForecastEntity.PointDoc d = new ForecastEntity.PointDoc();
            d.ts = p.ts();
            d.value = p.value();
            d.low = p.low();
            d.high = p.high();
            e.points.add(d);
        }
        Forecaster.Accuracy a = result.accuracy();
        e.origins = a.origins();
        e.horizonSteps = a.horizon();
        e.mape = Double.isNaN(a.mape()) ? null : a.mape();
        e.rmse = a.rmse();
        e.naiveMape = Double.isNaN(a.naiveMape()) ? null : a.naiveMape();
        e.naiveRmse = a.naiveRmse();
        e.skill = a.skill();
        store.save(e);
        watch.accept(e);
        return view(e, null);
    }

    /** The channel's latest forecast, its points cut to {@code horizon} (404 when there is none). */
    public ForecastView latest(String deviceId, String channel, String horizon) {
        List<ApiError.FieldError> errors = new ArrayList<>();
        if (deviceId == null || deviceId.isBlank()) {
            errors.add(new ApiError.FieldError("deviceId", "is required"));
        }
        if (channel == null || channel.isBlank()) {
            errors.add(new ApiError.FieldError("channel", "is required"));
        }
        Duration h = horizon == null ? null : duration("horizon", horizon, errors);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        ForecastEntity e = store.findById(ForecastStore.idOf(deviceId, channel));
        if (e == null) {
            throw ApiException.notFound("forecast of " + deviceId + "/" + channel
                    + " (POST /api/v1/predictions/generate first)");
        }
        return view(e, h);
    }

    static ForecastView view(ForecastEntity e, Duration horizon) {
        List<Forecaster.Point> points = new ArrayList<>();
        Instant end = horizon == null || e.points.isEmpty() ? null : e.points.get(0).ts.plus(horizon);
        for (ForecastEntity.PointDoc d : e.points) {
            if (end == null || d.ts.isBefore(end)) {
                points.add(new Forecaster.Point(d.ts, d.value, d.low, d.high));
            }
        }
        return new ForecastView(e.deviceId, e.channel, e.generatedAt, e.generatedBy, e.historyFrom, e.historyTo,
                e.stepMillis / 1000, e.seasonSteps, e.trainedOn, METHOD,
                new Accuracy(e.origins, e.horizonSteps, e.mape, e.rmse, e.naiveMape, e.naiveRmse, e.skill,
                        e.rmse < e.naiveRmse), points);
    }

    /** Daily season for steps up to 6 h, weekly for longer steps. */
    static int seasonSteps(long stepMillis) {
        long day = Duration.ofDays(1).toMillis();
        return stepMillis <= Duration.ofHours(6).toMillis() ? (int) Math.max(2, Math.round((double) day / stepMillis))
                : (int) Math.max(2, Math.round(7.0 * day / stepMillis));
    }

    /** Parses 48h, 90m, 2d, 30s or ISO-8601 (PT48H); adds a field error and returns null when it cannot. */
    static Duration duration(String field, String text, List<ApiError.FieldError> errors) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("p")) {
                return positive(field, Duration.parse(t.toUpperCase(Locale.ROOT)), errors);
            }
            if (t.length() >= 2) {
                long v = Long.parseLong(t.substring(0, t.length() - 1));
                Duration d = switch (t.charAt(t.length() - 1)) {
                    case 's' -> Duration.ofSeconds(v);
                    case 'm' -> Duration.ofMinutes(v);
                    case 'h' -> Duration.ofHours(v);
                    case 'd' -> Duration.ofDays(v);
                    default -> null;
                };
                if (d != null) {
                    return positive(field, d, errors);
                }
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            // reported below
        }
        errors.add(new ApiError.FieldError(field, "must be a duration like 48h, 90m, 2d or PT48H, got '" + text + "'"));
        return null;
    }

    private static Duration positive(String field, Duration d, List<ApiError.FieldError> errors) {
        if (d.isNegative() || d.isZero()) {
            errors.add(new ApiError.FieldError(field, "must be positive"));
            return null;
        }
        return d;
    }
}
