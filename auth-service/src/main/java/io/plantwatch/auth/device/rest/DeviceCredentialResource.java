package io.plantwatch.auth.device.rest;

import io.plantwatch.auth.device.service.DeviceCredentialService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Map;

/** Create, rotate, list and revoke a device's credentials (the gateway routes this path to auth-service). */
@Path("/api/v1/devices/{id}/credentials")
@Tag(name = "device credentials")
public class DeviceCredentialResource {

    private final DeviceCredentialService credentials;
    private final JsonWebToken jwt;

    public DeviceCredentialResource(DeviceCredentialService credentials, JsonWebToken jwt) {
        this.credentials = credentials;
        this.jwt = jwt;
    }

    @GET
    @RolesAllowed({"admin", "operator"})
    @Operation(summary = "The device's credentials, without secrets")
    public List<DeviceCredentialService.Credential> list(@PathParam("id") String deviceId) {
        return credentials.list(deviceId);
    }

    @POST
    @RolesAllowed("admin")
    @Operation(summary = "Create the device's credential; the secret is in this answer only")
    public Response create(@PathParam("id") String deviceId) {
        return Response.status(201).entity(credentials.create(deviceId, jwt.getName())).build();
    }

    @POST
    @Path("/rotate")
    @RolesAllowed("admin")
    @Operation(summary = "A new secret for the device; the previous one keeps working for the rotation grace period")
    public Response rotate(@PathParam("id") String deviceId) {
        return Response.status(201).entity(credentials.rotate(deviceId, jwt.getName())).build();
    }

    @DELETE
    @RolesAllowed("admin")
    @Operation(summary = "Revoke every credential of the device now (tokens already issued expire within their lifetime)")
    public Map<String, Long> revoke(@PathParam("id") String deviceId) {
        return Map.of("revoked", credentials.revoke(deviceId));
    }
}
