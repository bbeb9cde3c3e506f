package io.plantwatch.auth.follow.rest;

import io.plantwatch.auth.follow.service.Follow;
import io.plantwatch.auth.follow.service.FollowService;
import io.plantwatch.contracts.api.ApiException;
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

/** The caller's follows: devices, sites and users whose posts, alarm changes and notifications they want. */
@Path("/api/v1/follows")
@Tag(name = "follows")
@RolesAllowed({"admin", "operator", "viewer"})
public class FollowResource {

    private final FollowService follows;
    private final JsonWebToken jwt;

    public FollowResource(FollowService follows, JsonWebToken jwt) {
        this.follows = follows;
        this.jwt = jwt;
    }

    public record NewFollow(String targetKind, String targetId) {
    }

    @GET
    @Operation(summary = "What the caller follows")
    public List<Follow> list() {
        return follows.of(jwt.getSubject());
    }

    @POST
    @Operation(summary = "Follow a device, a site or a user: {\"targetKind\":\"device|site|user\",\"targetId\"}")
    public Response follow(NewFollow request) {
        if (request == null) {
            throw ApiException.invalid("body", "is required");
        }
        return Response.status(201).entity(follows.follow(jwt.getSubject(), request.targetKind(), request.targetId()))
                .build();
    }

    @DELETE
    @Path("/{targetKind}/{targetId}")
    @Operation(summary = "Stop following")
    public Response unfollow(@PathParam("targetKind") String targetKind, @PathParam("targetId") String targetId) {
        follows.unfollow(jwt.getSubject(), targetKind, targetId);
        return Response.noContent().build();
    }
}
