package io.plantwatch.alert.notification.rest;

import io.plantwatch.alert.notification.service.PreferenceService;
import io.plantwatch.alert.notification.service.Preferences;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Map;

/** The caller's notification preferences, and the site defaults admins set. */
@Path("/api/v1/notifications/preferences")
@Tag(name = "notifications")
@Produces(MediaType.APPLICATION_JSON)
public class PreferencesResource {

    private final PreferenceService preferences;

    public PreferencesResource(PreferenceService preferences) {
        this.preferences = preferences;
    }

    /** {@code {"severities": {"MAJOR": "immediate", "WARNING": "digest", "INFO": "none"}}}. */
    public record Body(Map<String, String> severities) {
    }

    @GET
    @RolesAllowed({"admin", "operator", "viewer"})
    @Operation(summary = "The caller's delivery per severity (immediate, digest, none) and the effective result")
    public Preferences mine(@Context SecurityContext caller) {
        return preferences.ofUser(NotificationResource.actor(caller));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"admin", "operator", "viewer"})
    @Operation(summary = "Set the caller's delivery per severity; severities left out use the site default or the built-in one")
    public Preferences putMine(@NotNull Body body, @Context SecurityContext caller) {
        String me = NotificationResource.actor(caller);
        return preferences.putUser(me, body.severities(), me);
    }

    @GET
    @Path("/sites/{site}")
    @RolesAllowed({"admin", "operator"})
    @Operation(summary = "A site's default delivery per severity")
    public Preferences site(@PathParam("site") String site) {
        return preferences.ofSite(site);
    }

    @PUT
    @Path("/sites/{site}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    @Operation(summary = "Set a site's default delivery per severity (for users who did not choose)")
    public Preferences putSite(@PathParam("site") String site, @NotNull Body body, @Context SecurityContext caller) {
        return preferences.putSite(site, body.severities(), NotificationResource.actor(caller));
    }
}
