package io.plantwatch.detection.pipeline.rest;

import io.plantwatch.detection.pipeline.service.DetectionEngine;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** What this instance's live engine holds: owned partitions and per-device learning state. */
@Path("/api/v1/detection/status")
@Produces(MediaType.APPLICATION_JSON)
public class DetectionStatusResource {

    private final DetectionEngine engine;

    public DetectionStatusResource(DetectionEngine engine) {
        this.engine = engine;
    }

    @GET
    @RolesAllowed({"admin", "operator", "viewer"})
    @Operation(summary = "Partitions and devices held by this instance, with samples seen and warm-up state")
    public DetectionEngine.EngineStatus status() {
        return engine.status();
    }
}
