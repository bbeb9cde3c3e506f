package io.plantwatch.auth.post.rest;

import io.plantwatch.auth.post.service.Post;
import io.plantwatch.auth.post.service.PostService;
import io.plantwatch.auth.user.service.Caller;
import io.plantwatch.contracts.api.ApiException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/** The operator logbook. */
@Path("/api/v1/posts")
@Tag(name = "logbook")
public class PostResource {

    private final PostService posts;
    private final JsonWebToken jwt;

    public PostResource(PostService posts, JsonWebToken jwt) {
        this.posts = posts;
        this.jwt = jwt;
    }

    @GET
    @RolesAllowed({"admin", "operator", "viewer"})
    @Operation(summary = "Logbook entries, newest first; filter by deviceId, alarmId, author (username), site and time [from, to)")
    public List<Post> list(@QueryParam("deviceId") String deviceId, @QueryParam("alarmId") String alarmId,
            @QueryParam("author") String author, @QueryParam("site") String site, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        return posts.search(deviceId, alarmId, author, site, instant("from", from), instant("to", to), page, size);
    }

    @POST
    @RolesAllowed({"admin", "operator"})
    @Operation(summary = "Write an entry: {\"text\",\"deviceId\"?,\"alarmId\"?,\"site\"?}")
    public Response create(PostService.Draft draft) {
        return Response.status(201).entity(posts.create(Caller.of(jwt), draft)).build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({"admin", "operator", "viewer"})
    @Operation(summary = "One entry")
    public Post get(@PathParam("id") String id) {
        return posts.get(id);
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed({"admin", "operator"})
    @Operation(summary = "Edit the text of your own entry: {\"text\"}")
    public Post edit(@PathParam("id") String id, PostService.Draft draft) {
        return posts.edit(Caller.of(jwt), id, draft);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({"admin", "operator"})
    @Operation(summary = "Delete your own entry (admins: any entry)")
    public Response delete(@PathParam("id") String id) {
        posts.delete(Caller.of(jwt), id);
        return Response.noContent().build();
    }

    static Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(field, "must be an ISO-8601 instant such as 2026-11-23T08:00:00Z");
        }
    }
}
