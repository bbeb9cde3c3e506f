package io.plantwatch.detection.model.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.plantwatch.contracts.api.ApiException;
import io.plantwatch.detection.backtest.service.BacktestService;
import io.plantwatch.detection.configuration.service.ConfigMerger;
import io.plantwatch.detection.model.service.ModelRegistry;
import io.plantwatch.detection.model.service.ModelViews;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

/**
 * The model registry: train (background job), read status/progress/metrics, list own / shared / preset models,
 * select / deselect on a device (live on every instance), delete.
 */
@Path("/api/v1/models")
@Produces(MediaType.APPLICATION_JSON)
public class ModelResource {

    private final ModelRegistry registry;
    private final BacktestService csv;
    private final SecurityIdentity identity;

    public ModelResource(ModelRegistry registry, BacktestService csv, SecurityIdentity identity) {
        this.registry = registry;
        this.csv = csv;
        this.identity = identity;
    }

    /** Optional device for select / deselect (default: the device the model was trained for). */
    public record DeviceRef(String deviceId) {
    }

    @POST
    @Path("/train")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"admin", "operator"})
    @Operation(summary = "Train a model on a device's stored history (from/to); returns 202 with the QUEUED model")
    public Response train(ModelRegistry.TrainRequest request,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return accepted(registry.train(request, null, caller(), authorization));
    }

    @POST
    @Path("/train")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RolesAllowed({"admin", "operator"})
    @Operation(summary = "Train a model on an uploaded CSV (form fields: file, spec = the JSON request, format)")
    public Response trainUpload(@RestForm("file") FileUpload file, @RestForm String spec, @RestForm String format) {
        if (file == null || file.uploadedFile() == null) {
            throw ApiException.invalid("file", "is required: a CSV file with a timestamp column and one per channel");
        }
        ModelRegistry.TrainRequest request;
        try {
            request = spec == null || spec.isBlank()
                    ? new ModelRegistry.TrainRequest(null, null, null, null, null, null, null, null, null, null)
                    : ConfigMerger.mapper().readValue(spec, ModelRegistry.TrainRequest.class);
        } catch (JsonProcessingException e) {
            throw ApiException.invalid("spec", "is not a valid training request: " + e.getOriginalMessage());
        }
        BacktestService.ParsedCsv parsed;
        try (var reader = Files.newBufferedReader(file.uploadedFile(), StandardCharsets.UTF_8)) {
            parsed = csv.samplesFromCsv(reader, "file", format);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return accepted(registry.train(request, new ModelRegistry.Upload(file.fileName(), parsed.channels(),
                parsed.samples()), caller(), null));
    }

    @GET
    @RolesAllowed({"admin", "operator", "viewer"})
    @Operation(summary = "Models you may see: scope=own|shared|presets (default all), optionally of one device")
    public List<ModelViews.ModelView> list(@QueryParam("scope") String scope, @QueryParam("deviceId") String deviceId) {
        return registry.list(scope, deviceId, caller());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({"admin", "operator", "viewer"})
    @Operation(summary = "A model: status (QUEUED, TRAINING, READY, FAILED + reason), progress %, metrics, provenance")
    public ModelViews.ModelView get(@PathParam("id") String id) {
        return registry.get(id, caller());
    }

    @POST
    @Path("/{id}/select")
    @RolesAllowed({"admin", "operator"})
    @Operation(summary = "Bind the model to a device (body {deviceId}, default its own); detection switches live")
    public ModelViews.ModelView select(@PathParam("id") String id, DeviceRef body) {
        return registry.select(id, body == null ? null : body.deviceId(), caller());
    }

    @POST
    @Path("/{id}/deselect")
    @RolesAllowed({"admin", "operator"})
    @Operation(summary = "Unbind the model from a device; the device goes back to its own learned detectors")
    public ModelViews.ModelView deselect(@PathParam("id") String id, DeviceRef body) {
        return registry.deselect(id, body == null ? null : body.deviceId(), caller());
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({"admin", "operator"})
    @Operation(summary = "Delete a model (owner or admin; not while it is selected)")
    public Response delete(@PathParam("id") String id) {
        registry.delete(id, caller());
        return Response.noContent().build();
    }

    private ModelRegistry.Caller caller() {
        return new ModelRegistry.Caller(identity.getPrincipal().getName(), identity.hasRole("admin"));
    }

    private static Response accepted(ModelViews.ModelView view) {
        return Response.accepted(view).build();
    }
}
