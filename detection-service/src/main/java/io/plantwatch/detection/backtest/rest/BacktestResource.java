package io.plantwatch.detection.backtest.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.plantwatch.contracts.api.ApiException;
import io.plantwatch.detection.backtest.BacktestSummary;
import io.plantwatch.detection.backtest.service.BacktestService;
import io.plantwatch.detection.configuration.service.ConfigMerger;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;

/**
 * Backtests: the live engine over an uploaded CSV (multipart {@code file}, or a {@code text/csv} body) or over a
 * device's stored history ({@code application/json}). Returns the summary: anomalous rows, alarms that would have
 * opened (with their times), verdicts per detector, type and severity.
 */
@Path("/api/v1/detection/backtest")
@Produces(MediaType.APPLICATION_JSON)
public class BacktestResource {

    private final BacktestService service;

    public BacktestResource(BacktestService service) {
        this.service = service;
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RolesAllowed({"admin", "operator"})
    @Operation(summary = "Backtest an uploaded CSV (form fields: file, format, trainRows, deviceId, config)")
    public BacktestSummary upload(@RestForm("file") FileUpload file, @RestForm String format,
            @RestForm String trainRows, @RestForm String deviceId, @RestForm String config) {
        if (file == null || file.uploadedFile() == null) {
            throw ApiException.invalid("file", "is required: a CSV file (skab, nab or generic format)");
        }
        try (var reader = Files.newBufferedReader(file.uploadedFile(), StandardCharsets.UTF_8)) {
            return service.csv(reader, "file", label(file.fileName()),
                    new BacktestService.Options(deviceId, format, trainRows, json(config)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @POST
    @Consumes("text/csv")
    @RolesAllowed({"admin", "operator"})
    @Operation(summary = "Backtest a CSV body (query: format, trainRows, deviceId)")
    public BacktestSummary csv(String body, @QueryParam("format") String format,
            @QueryParam("trainRows") String trainRows, @QueryParam("deviceId") String deviceId) {
        return service.csv(BacktestService.reader(body), "body", "upload",
                new BacktestService.Options(deviceId, format, trainRows, null));
    }

    /** A device's stored history in [from, to), read from report-service with the caller's token. */
    public record HistoryRequest(String deviceId, Instant from, Instant to, List<String> channels, Integer trainRows,
            JsonNode config) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"admin", "operator"})
    @Operation(summary = "Backtest a device's stored history over a time range")
    public BacktestSummary history(HistoryRequest request, @HeaderParam(HttpHeaders.AUTHORIZATION) String auth) {
        if (request == null) {
            throw ApiException.invalid("body", "is required: {deviceId, from, to}");
        }
        return service.history(request.deviceId(), request.from(), request.to(), request.channels(),
                new BacktestService.Options(request.deviceId(), null,
                        request.trainRows() == null ? null : request.trainRows().toString(), request.config()), auth);
    }

    private static JsonNode json(String config) {
        if (config == null || config.isBlank()) {
            return null;
        }
        try {
            return ConfigMerger.mapper().readTree(config);
        } catch (JsonProcessingException e) {
            throw ApiException.invalid("config", "is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static String label(String fileName) {
        return fileName == null || fileName.isBlank() ? "upload" : fileName;
    }
}
