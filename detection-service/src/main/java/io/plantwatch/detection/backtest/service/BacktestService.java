package io.plantwatch.detection.backtest.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plantwatch.contracts.api.ApiError;
import io.plantwatch.contracts.api.ApiException;
import io.plantwatch.detection.backtest.BacktestRunner;
import io.plantwatch.detection.backtest.BacktestSummary;
import io.plantwatch.detection.backtest.CsvSamples;
import io.plantwatch.detection.backtest.Sample;
import io.plantwatch.detection.backtest.client.ReportSeriesClient;
import io.plantwatch.detection.configuration.service.ConfigMerger;
import io.plantwatch.detection.configuration.service.DeviceConfigs;
import io.plantwatch.detection.detector.DetectorConfig;
import io.plantwatch.detection.pipeline.config.DetectionConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * POST /detection/backtest: the live engine ({@link BacktestRunner}, the same code as the service and
 * {@code ./plantwatch detect}) over an uploaded CSV or over a device's stored history from report-service.
 */
@ApplicationScoped
public class BacktestService {

    private final DeviceConfigs configs;
    private final ReportSeriesClient report;
    private final int maxRows;
    private final int maxHistory;

    public BacktestService(DeviceConfigs configs, @RestClient ReportSeriesClient report, DetectionConfig config) {
        this.configs = configs;
        this.report = report;
        this.maxRows = config.maxBacktestRows();
        this.maxHistory = config.maxHistorySamples();
    }

    /**
     * Options common to both sources.
     *
     * @param deviceId  run with this device's live configuration (else the service-wide defaults)
     * @param format    skab, nab or generic (CSV only; default: guessed from the header)
     * @param trainRows warm-up rows (default: the format's protocol, else the configuration's trainSamples)
     * @param config    an extra override layer, shaped like PUT /detection/config
     */
    public record Options(String deviceId, String format, String trainRows, JsonNode config) {
    }

    /** Backtest over CSV text; {@code field} names the request part in errors ({@code file} or {@code body}). */
    public BacktestSummary csv(Reader source, String field, String label, Options o) {
        ParsedCsv parsed = samplesFromCsv(source, field, o.format());
        DetectorConfig base = baseConfig(o, label);
        int train = trainRows(o.trainRows(), BacktestRunner.defaultTrainRows(parsed.format(), parsed.samples().size(),
                base.trainSamples()));
        return BacktestRunner.run(parsed.samples(), withTrain(base, train), null);
    }

    /** Samples of an uploaded CSV and the format they were read in. */
    public record ParsedCsv(CsvSamples.Format format, List<String> channels, List<Sample> samples) {
    }

    /**
     * Reads and checks an uploaded CSV (bounded size, known format, numbers, time order); every problem is a 400
     * naming {@code field} and, where known, the line and column.
     *
     * @param formatName skab, nab or generic; null guesses from the header
     */
    public ParsedCsv samplesFromCsv(Reader source, String field, String formatName) {
        String text = readBounded(source, field);
        String header = text.lines().findFirst().orElse(null);
        if (header == null || header.isBlank()) {
            throw ApiException.invalid(field, "is empty: expected a CSV header line and data rows");
        }
        CsvSamples.Format format = format(formatName, header);
        CsvSamples.Table table;
        try {
            table = CsvSamples.parse(text, format);
        } catch (CsvSamples.CsvFormatException e) {
            throw ApiException.invalid(field + "[line " + e.line() + "]" + (e.column() == null ? "" : "." + e.column()),
                    e.detail());
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(field, e.getMessage());
        }
        List<Sample> samples = table.samples();
        if (samples.isEmpty()) {
            throw ApiException.invalid(field, "has a header but no data rows");
        }
        for (int i = 1; i < samples.size(); i++) {
            if (!samples.get(i).ts().isAfter(samples.get(i - 1).ts())) {
                throw ApiException.invalid(field + "[line " + (i + 2) + "]", "timestamp " + samples.get(i).label()
                        + " is not after the previous row's " + samples.get(i - 1).label()
                        + " (rows must be in time order)");
            }
        }
        return new ParsedCsv(format, table.channels(), samples);
    }

    /** Backtest over a device's stored readings in [from, to), fetched with the caller's token. */
    public BacktestSummary history(String deviceId, Instant from, Instant to, List<String> channels, Options o,
            String authorization) {
        checkRange(deviceId, from, to);
        DetectorConfig base = baseConfig(o, deviceId);
        int train = trainRows(o.trainRows(), base.trainSamples());
        List<Sample> samples = samplesFromHistory(deviceId, from, to, channels, authorization);
        return BacktestRunner.run(samples, withTrain(base, train), null);
    }

    /**
     * A device's stored readings in [from, to) from report-service, read with the caller's token; 400 naming
     * {@code deviceId}/{@code from}/{@code to} on a bad or empty range, 503 when report-service is down.
     */
    public List<Sample> samplesFromHistory(String deviceId, Instant from, Instant to, List<String> channels,
            String authorization) {
        checkRange(deviceId, from, to);
        JsonNode body;
        try {
            body = report.series(deviceId, from.toString(), to.toString(),
                    channels == null || channels.isEmpty() ? null : String.join(",", channels), maxHistory,
                    authorization);
        } catch (WebApplicationException e) {
            throw fromReport(e);
        } catch (ProcessingException e) {
            throw ApiException.unavailable("report-service is not reachable: " + rootMessage(e), 10);
        }
        List<Sample> samples;
        try {
            samples = SeriesSamples.parse(body);
        } catch (IllegalArgumentException e) {
            throw new ApiException(502, "bad-gateway", e.getMessage(), List.of(), null);
        }
        if (samples.isEmpty()) {
            throw ApiException.invalid("from", "device " + deviceId + " has no stored readings in [" + from + ", "
                    + to + ")");
        }
        if (samples.size() >= maxHistory) {
            throw ApiException.invalid("to", "the range holds " + maxHistory + " or more samples; use at most "
                    + (maxHistory - 1) + " at once (narrow from/to)");
        }
        return samples;
    }

    private static void checkRange(String deviceId, Instant from, Instant to) {
        List<ApiError.FieldError> errors = new ArrayList<>();
        if (deviceId == null || deviceId.isBlank()) {
            errors.add(new ApiError.FieldError("deviceId", "is required"));
        }
        if (from == null) {
            errors.add(new ApiError.FieldError("from", "is required (ISO-8601 instant)"));
        }
        if (to == null) {
            errors.add(new ApiError.FieldError("to", "is required (ISO-8601 instant)"));
        }
        if (from != null && to != null && !from.isBefore(to)) {
            errors.add(new ApiError.FieldError("from", "must be before to"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
    }

    private DetectorConfig baseConfig(Options o, String label) {
        DetectorConfig c = o.deviceId() != null && !o.deviceId().isBlank() ? configs.effective(o.deviceId())
                : configs.serviceDefaults(label);
        return o.config() == null || o.config().isNull() ? c : configs.withExtra(c, o.config(), "config");
    }

    private static DetectorConfig withTrain(DetectorConfig c, int train) {
        if (c.trainSamples() == train) {
            return c;
        }
        ObjectNode json = ConfigMerger.toJson(c);
        json.put("trainSamples", train);
        return ConfigMerger.build(json);
    }

    private static int trainRows(String value, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 10 && n <= 1_000_000) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw ApiException.invalid("trainRows", "must be a whole number from 10 to 1000000, got '" + value + "'");
    }

    private static CsvSamples.Format format(String value, String header) {
        if (value == null || value.isBlank()) {
            return CsvSamples.Format.guess(header);
        }
        try {
            return CsvSamples.Format.parse(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("format", "must be skab, nab or generic, got '" + value + "'");
        }
    }

    private String readBounded(Reader source, String field) {
        StringBuilder sb = new StringBuilder();
        int lines = 0;
        try (BufferedReader br = source instanceof BufferedReader b ? b : new BufferedReader(source)) {
            String line;
            while ((line = br.readLine()) != null) {
                if (++lines > maxRows + 1) {
                    throw ApiException.invalid(field, "has more than " + maxRows + " data rows; split it");
                }
                sb.append(line).append('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sb.toString();
    }

    public static Reader reader(String text) {
        return new StringReader(text == null ? "" : text);
    }

    private static ApiException fromReport(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String detail = "";
        try {
            ApiError err = e.getResponse().readEntity(ApiError.class);
            if (err != null) {
                if (status == 400 && err.fields() != null && !err.fields().isEmpty()) {
                    return ApiException.invalid(err.fields());
                }
                detail = err.message() == null ? "" : ": " + err.message();
            }
        } catch (RuntimeException ignored) {
            // not an ApiError body
        }
        return switch (status) {
            case 400 -> ApiException.invalid("deviceId", "report-service refused the query" + detail);
            case 401 -> ApiException.unauthorized("report-service did not accept the token" + detail);
            case 403 -> ApiException.forbidden("your role may not read this device's history" + detail);
            case 404 -> ApiException.notFound("stored history of the device");
            default -> new ApiException(502, "bad-gateway", String.format(Locale.ROOT,
                    "report-service answered HTTP %d%s", status, detail), List.of(), null);
        };
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
    }
}
