package io.plantwatch.detection.session.rest;

import io.plantwatch.detection.model.service.ModelRegistry;
import io.plantwatch.detection.pipeline.service.DetectionEngine;
import io.plantwatch.detection.session.service.SessionService;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Instant;
import java.util.List;

/** Detection sessions: start / stop per device (optionally on a model), status, and the sampled evaluation log. */
@Path("/api/v1/detection")
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {

    private final SessionService sessions;
    private final DetectionEngine engine;
    private final SecurityIdentity identity;

    public SessionResource(SessionService sessions, DetectionEngine engine, SecurityIdentity identity) {
        this.sessions = sessions;
        this.engine = engine;
        this.identity = identity;
    }

    /** Start / stop body: the device and, on start, optionally a registry model to run it on. */
    public record SessionRequest(String deviceId, String modelId) {
    }

    /** Sessions of every instance (from MongoDB) and what this instance's engine holds. */
    public record StatusView(List<SessionService.SessionView> sessions, DetectionEngine.EngineStatus engine) {
    }

    @POST
    @Path("/start")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"admin", "operator"})
    @Operation(summary = "Start a detection session on a device (deviceId, optional modelId to select first)")
    public SessionService.SessionView start(SessionRequest body) {
        return sessions.start(body == null ? null : body.deviceId(), body == null ? null : body.modelId(), caller());
    }

    @POST
    @Path("/stop")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"admin", "operator"})
    @Operation(summary = "Stop a device's detection session (its counters and log stop; detectors keep running)")
    public SessionService.SessionView stop(SessionRequest body) {
        return sessions.stop(body == null ? null : body.deviceId());
    }

    @GET
    @Path("/status")
    @RolesAllowed({"admin", "operator", "viewer"})
    @Operation(summary = "Per-device sessions (since, model, readings evaluated, anomalies found, last score) and"
            + " this instance's engine (partitions, devices, warm-up)")
    public StatusView status(@QueryParam("deviceId") String deviceId) {
        return new StatusView(sessions.status(deviceId), engine.status());
    }

    @GET
    @Path("/logs")
    @RolesAllowed({"admin", "operator", "viewer"})
    @Operation(summary = "Sampled evaluation log, newest first (filters: deviceId, from, to, alarm, minScore;"
            + " paging: page, size)")
    public List<SessionService.LogView> logs(@QueryParam("deviceId") String deviceId, @QueryParam("from") Instant from,
            @QueryParam("to") Instant to, @QueryParam("alarm") Boolean alarm, @QueryParam("minScore") Double minScore,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("100") int size) {
        return sessions.logs(deviceId, from, to, alarm, minScore, page, size);
    }

    private ModelRegistry.Caller caller() {
        return new ModelRegistry.Caller(identity.getPrincipal().getName(), identity.hasRole("admin"));
    }
}
