package io.plantwatch.detection.configuration.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.plantwatch.contracts.api.ApiException;
import io.plantwatch.contracts.event.DeviceEvent;
import io.plantwatch.detection.configuration.repository.ConfigOverrideStore;
import io.plantwatch.detection.configuration.service.ConfigMerger;
import io.plantwatch.detection.configuration.service.DeviceConfigs;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Instant;
import java.util.List;

/**
 * Detector configuration: the service-wide override ({@code /detection/config}) and per-device overrides
 * ({@code /detection/config/{deviceId}}) on top of the defaults and the device registry. A PUT replaces the override
 * and applies at once to the live detectors (no restart); learned state is kept unless the enabled detectors, the
 * warm-up length or a detector parameter changes.
 */
@Path("/api/v1/detection/config")
@Produces(MediaType.APPLICATION_JSON)
public class DetectionConfigResource {

    private final DeviceConfigs configs;
    private final SecurityIdentity identity;

    public DetectionConfigResource(DeviceConfigs configs, SecurityIdentity identity) {
        this.configs = configs;
        this.identity = identity;
    }

    /** The service-wide layer and the defaults every device starts from. */
    public record ServiceConfigView(JsonNode override, long revision, Instant updatedAt, String updatedBy,
            JsonNode defaults, List<String> devicesWithOverrides) {
    }

    /** What the registry says about a device (plant.devices), when it has said anything. */
    public record RegistryView(String name, String site, boolean enabled, long revision,
            List<DeviceEvent.Channel> channels) {
    }

    /** A device's own override and the configuration its live detectors run with. */
    public record DeviceConfigView(String deviceId, JsonNode override, long revision, Instant updatedAt,
            String updatedBy, JsonNode effective, RegistryView registry) {
    }

    @GET
    @RolesAllowed({"admin", "operator", "viewer"})
    @Operation(summary = "Service-wide detector configuration and defaults")
    public ServiceConfigView service() {
        return serviceView();
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"admin", "operator"})
    @Operation(summary = "Replace the service-wide override (applies live to every device)")
    public ServiceConfigView putService(JsonNode override) {
        configs.put(null, override, user());
        return serviceView();
    }

    @GET
    @Path("/{deviceId}")
    @RolesAllowed({"admin", "operator", "viewer"})
    @Operation(summary = "A device's override and effective detector configuration")
    public DeviceConfigView device(@PathParam("deviceId") String deviceId) {
        return deviceView(checked(deviceId));
    }

    @PUT
    @Path("/{deviceId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"admin", "operator"})
    @Operation(summary = "Replace a device's override (applies live, without restart)")
    public DeviceConfigView putDevice(@PathParam("deviceId") String deviceId, JsonNode override) {
        configs.put(checked(deviceId), override, user());
        return deviceView(deviceId);
    }

    private ServiceConfigView serviceView() {
        DeviceConfigs.StoredOverride o = configs.storedOverride(ConfigOverrideStore.SERVICE_WIDE);
        return new ServiceConfigView(o == null ? ConfigMerger.mapper().createObjectNode() : o.override(),
                o == null ? 0 : o.revision(), o == null ? null : o.updatedAt(), o == null ? null : o.updatedBy(),
                ConfigMerger.toJson(configs.serviceDefaults("device")), configs.devicesWithOverrides());
    }

    private DeviceConfigView deviceView(String deviceId) {
        DeviceConfigs.StoredOverride o = configs.storedOverride(deviceId);
        DeviceEvent d = configs.registered(deviceId);
        return new DeviceConfigView(deviceId, o == null ? ConfigMerger.mapper().createObjectNode() : o.override(),
                o == null ? 0 : o.revision(), o == null ? null : o.updatedAt(), o == null ? null : o.updatedBy(),
                ConfigMerger.toJson(configs.effective(deviceId)),
                d == null ? null : new RegistryView(d.name(), d.site(), d.enabled(), d.revision(), d.channels()));
    }

    private static String checked(String deviceId) {
        if (deviceId == null || deviceId.isBlank() || ConfigOverrideStore.SERVICE_WIDE.equals(deviceId)) {
            throw ApiException.invalid("deviceId", "must be a device id");
        }
        return deviceId;
    }

    private String user() {
        return identity.getPrincipal() == null ? null : identity.getPrincipal().getName();
    }
}
