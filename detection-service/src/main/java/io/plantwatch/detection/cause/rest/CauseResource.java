package io.plantwatch.detection.cause.rest;

import io.plantwatch.detection.cause.service.CauseService;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;
import java.util.Map;

/** Probable causes: cause labels of anomaly windows / closed alarms, the classifiers, the maintenance hint table. */
@Path("/api/v1/causes")
@Produces(MediaType.APPLICATION_JSON)
public class CauseResource {

    private final CauseService service;
    private final SecurityIdentity identity;

    public CauseResource(CauseService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    @POST
    @Path("/labels")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"admin", "operator"})
    @Operation(summary = "Label an anomaly window (deviceId, from, to; or alarmId with its window) with a cause;"
            + " retrains the device type's classifier")
    public Response label(CauseService.LabelRequest request,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return Response.status(201).entity(service.label(request, identity.getPrincipal().getName(), authorization))
                .build();
    }

    @GET
    @Path("/classifiers")
    @RolesAllowed({"admin", "operator", "viewer"})
    @Operation(summary = "Trained cause classifiers per device type")
    public List<CauseService.ClassifierView> classifiers() {
        return service.classifiers();
    }

    @GET
    @Path("/hints")
    @RolesAllowed({"admin", "operator", "viewer"})
    @Operation(summary = "Maintenance hint per cause")
    public Map<String, String> hints() {
        return service.hints();
    }

    @PUT
    @Path("/hints")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"admin", "operator"})
    @Operation(summary = "Replace the maintenance hint table ({cause: hint})")
    public Map<String, String> putHints(Map<String, String> table) {
        return service.putHints(table, identity.getPrincipal().getName());
    }
}
