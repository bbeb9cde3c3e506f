package io.plantwatch.ingest.device.rest;

import io.plantwatch.contracts.api.ApiException;
import io.plantwatch.ingest.device.service.Device;
import io.plantwatch.ingest.device.service.DeviceDraft;
import io.plantwatch.ingest.device.service.DeviceRegistry;
import io.plantwatch.ingest.status.service.DeviceStatusTracker;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.Comparator;
import java.util.List;

/** The device registry: admins write, admins, operators and viewers read. Changes apply at once (no restart). */
@Path("/api/v1/devices")
@Tag(name = "devices")
@Produces(MediaType.APPLICATION_JSON)
public class DeviceResource {

    private final DeviceRegistry registry;
    private final DeviceStatusTracker status;

    public DeviceResource(DeviceRegistry registry, DeviceStatusTracker status) {
        this.registry = registry;
        this.status = status;
    }

    @GET
    @RolesAllowed({"admin", "operator", "viewer"})
    @Operation(summary = "List devices, optionally of one site and/or protocol")
    public List<DeviceView> list(@QueryParam("site") String site, @QueryParam("protocol") String protocol) {
        return registry.all().stream()
                .filter(d -> site == null || site.equals(d.site()))
                .filter(d -> protocol == null || protocol.equals(d.protocol().wire()))
                .sorted(Comparator.comparing(Device::id))
                .map(this::view).toList();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({"admin", "operator", "viewer"})
    @Operation(summary = "One device with its live status")
    public DeviceView get(@PathParam("id") String id) {
        return view(registry.find(id).orElseThrow(() -> ApiException.notFound("device '" + id + "'")));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    @Operation(summary = "Register a device; polling (modbus-tcp, opcua, s7) or the serial reader starts at once")
    public Response create(DeviceDraft draft) {
        Device device = registry.create(draft);
        return Response.created(URI.create("/api/v1/devices/" + device.id())).entity(view(device)).build();
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    @Operation(summary = "Replace a device (e.g. \"enabled\":false stops its polling)")
    public DeviceView replace(@PathParam("id") String id, DeviceDraft draft) {
        return view(registry.replace(id, draft));
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed("admin")
    @Operation(summary = "Remove a device; its data are rejected from then on")
    public Response delete(@PathParam("id") String id) {
        registry.delete(id);
        return Response.noContent().build();
    }

    private DeviceView view(Device d) {
        return DeviceView.of(d, status.status(d.id()).orElse(null));
    }
}
