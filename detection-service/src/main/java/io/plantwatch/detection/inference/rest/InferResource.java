package io.plantwatch.detection.inference.rest;

import io.plantwatch.contracts.api.ApiException;
import io.plantwatch.detection.inference.service.InferService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;
import java.util.Map;

/** Window inference (the accelerometer seed's /infer): reconstruction error and anomaly status of a window. */
@Path("/api/v1/infer")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class InferResource {

    private final InferService service;

    public InferResource(InferService service) {
        this.service = service;
    }

    /**
     * {@code {"deviceId"?, "channels"?, "window":[[x,y,z],...]}} or {@code {"deviceId"?, "samples":[{"x":..},...]}};
     * {@code minAnomalous}: anomalous samples that make the window anomalous (default 3).
     */
    public record InferRequest(String deviceId, List<String> channels, List<List<Double>> window,
            List<Map<String, Double>> samples, Integer minAnomalous) {
    }

    @POST
    @RolesAllowed({"admin", "operator"})
    @Operation(summary = "Reconstruction error and anomaly status of a window of samples (e.g. 24)")
    public InferService.InferResult infer(InferRequest request) {
        if (request == null) {
            throw ApiException.invalid("body", "is required");
        }
        return service.infer(new InferService.Window(request.deviceId(), request.channels(), request.window(),
                request.samples(), request.minAnomalous()));
    }
}
