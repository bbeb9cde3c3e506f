package io.plantwatch.auth.token.rest;

import io.plantwatch.auth.token.service.KeyRing;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The public keys that verify PlantWatch tokens (every service reads them, see README). */
@Path("/api/v1/auth/jwks")
@Tag(name = "auth")
public class JwksResource {

    private final KeyRing keys;

    public JwksResource(KeyRing keys) {
        this.keys = keys;
    }

    @GET
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "JSON Web Key Set: the active signing key and retired keys whose tokens may still be valid")
    public Response jwks() {
        CacheControl cache = new CacheControl();
        cache.setMaxAge(60);
        return Response.ok(keys.jwks()).cacheControl(cache).build();
    }
}
