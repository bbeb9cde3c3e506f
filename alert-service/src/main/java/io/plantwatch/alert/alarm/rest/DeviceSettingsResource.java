package io.plantwatch.alert.alarm.rest;

import io.plantwatch.alert.alarm.service.DeviceSettings;
import io.plantwatch.alert.alarm.service.DeviceSettingsService;
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

/** Per-device alarm settings (hysteresis): read by everyone, changed by admins. */
@Path("/api/v1/alarms/settings/devices/{deviceId}")
@Tag(name = "alarms")
@Produces(MediaType.APPLICATION_JSON)
public class DeviceSettingsResource {

    private final DeviceSettingsService settings;

    public DeviceSettingsResource(DeviceSettingsService settings) {
        this.settings = settings;
    }

    @GET
    @RolesAllowed({"admin", "operator", "viewer"})
    @Operation(summary = "The device's hysteresis settings and the quiet time they give")
    public DeviceSettings get(@PathParam("deviceId") String deviceId) {
        return settings.get(deviceId);
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    @Operation(summary = "Set N (clearAfterSamples) and/or T (clearAfter, ISO-8601); both null restores the defaults")
    public DeviceSettings put(@PathParam("deviceId") String deviceId, @NotNull AlarmRequests.DeviceSettings body,
            @Context SecurityContext caller) {
        return settings.put(deviceId, body.clearAfterSamples(), QueryParams.duration("clearAfter", body.clearAfter()),
                AlarmResource.actor(caller));
    }
}
