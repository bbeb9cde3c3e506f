package io.plantwatch.auth.device.rest;

import io.plantwatch.auth.device.service.DeviceCredentialService;
import io.plantwatch.auth.token.service.TokenIssuer;
import io.plantwatch.auth.user.rest.AuthResource;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A device exchanges its credential for a short-lived token. */
@Path("/api/v1/auth/device-token")
@Tag(name = "auth")
public class DeviceTokenResource {

    private final DeviceCredentialService credentials;

    public DeviceTokenResource(DeviceCredentialService credentials) {
        this.credentials = credentials;
    }

    public record DeviceLogin(String deviceId, String secret) {
    }

    @POST
    @PermitAll
    @Operation(summary = "Exchange {\"deviceId\",\"secret\"} for a device access token (role device, claim deviceId)")
    public TokenIssuer.AccessToken exchange(DeviceLogin request, @Context HttpServerRequest http) {
        AuthResource.require(request);
        return credentials.exchange(request.deviceId(), request.secret(), AuthResource.clientAddress(http));
    }
}
