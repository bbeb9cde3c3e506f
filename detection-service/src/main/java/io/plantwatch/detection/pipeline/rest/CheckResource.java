package io.plantwatch.detection.pipeline.rest;

import io.plantwatch.detection.pipeline.service.CheckService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Runs the live detection on posted samples without storing or publishing anything. */
@Path("/api/v1/anomalies/check")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class CheckResource {

    private final CheckService service;

    public CheckResource(CheckService service) {
        this.service = service;
    }

    /**
     * One sample ({@code {"deviceId","ts","values"}}) or a batch ({@code {"deviceId","samples":[{"ts","values"}]}}).
     */
    public record CheckRequest(String deviceId, Instant ts, Map<String, Double> values,
            List<CheckService.Sample> samples) {
    }

    @POST
    @RolesAllowed({"admin", "operator"})
    @Operation(summary = "Judge a sample or batch with the device's live detectors and state; nothing is stored")
    public CheckService.CheckResult check(CheckRequest request) {
        if (request == null) {
            throw io.plantwatch.contracts.api.ApiException.invalid("body", "is required");
        }
        if (request.samples() != null) {
            if (request.ts() != null || request.values() != null) {
                throw io.plantwatch.contracts.api.ApiException.invalid("samples",
                        "give either samples or one sample's ts and values, not both");
            }
            return service.check(request.deviceId(), request.samples(), "samples");
        }
        List<CheckService.Sample> one = request.ts() == null && request.values() == null ? List.of()
                : java.util.Collections.singletonList(new CheckService.Sample(request.ts(), request.values()));
        return service.check(request.deviceId(), one, one.isEmpty() ? "samples" : "sample");
    }
}
