package io.plantwatch.auth.feed.rest;

import io.plantwatch.auth.feed.service.FeedItem;
import io.plantwatch.auth.feed.service.FeedService;
import io.plantwatch.contracts.api.ApiException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/** The caller's feed. */
@Path("/api/v1/feed")
@Tag(name = "follows")
public class FeedResource {

    private final FeedService feed;
    private final JsonWebToken jwt;

    public FeedResource(FeedService feed, JsonWebToken jwt) {
        this.feed = feed;
        this.jwt = jwt;
    }

    @GET
    @RolesAllowed({"admin", "operator", "viewer"})
    @Operation(summary = "Posts and alarm changes of what the caller follows, newest first; page with before=<last item's at>")
    public List<FeedItem> feed(@QueryParam("before") String before,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        Instant until = null;
        if (before != null && !before.isBlank()) {
            try {
                until = Instant.parse(before.trim());
            } catch (DateTimeParseException e) {
                throw ApiException.invalid("before", "must be an ISO-8601 instant such as 2026-11-23T08:00:00Z");
            }
        }
        return feed.feed(jwt.getSubject(), until, limit);
    }
}
