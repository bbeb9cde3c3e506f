package io.plantwatch.gateway.live.rest;

import io.plantwatch.contracts.api.ApiError;
import io.plantwatch.contracts.api.ApiException;
import io.plantwatch.gateway.live.service.LiveEvent;
import io.plantwatch.gateway.live.service.LiveFilter;
import io.plantwatch.gateway.live.service.LiveHub;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.RestStreamElementType;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** {@code GET /api/v1/live}: the live feed for dashboards, as Server-Sent Events (one JSON {@link LiveEvent} each). */
@Path("/api/v1/live")
public class LiveResource {

    @Inject
    LiveHub hub;

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @RolesAllowed({"admin", "operator", "viewer"})
    @Operation(summary = "Live feed (SSE): readings downsampled for screens, anomalies, alarm changes, device status "
            + "and registry changes. Each event has a per-stream seq; a 'gap' event tells how many a slow client missed.")
    public Multi<LiveEvent> live(
            @Parameter(description = "device ids, repeated or comma-separated; empty: all") @QueryParam("deviceId") List<String> deviceIds,
            @Parameter(description = "sites, repeated or comma-separated") @QueryParam("site") List<String> sites,
            @Parameter(description = "event types: reading, anomaly, alarm, status, device") @QueryParam("types") List<String> types) {
        Set<String> wantedTypes = split(types);
        List<ApiError.FieldError> bad = new ArrayList<>();
        for (String type : wantedTypes) {
            if (!LiveEvent.FILTERABLE.contains(type)) {
                bad.add(new ApiError.FieldError("types", "unknown event type '" + type + "'; use "
                        + String.join(", ", new java.util.TreeSet<>(LiveEvent.FILTERABLE))));
            }
        }
        if (!bad.isEmpty()) {
            throw ApiException.invalid(bad);
        }
        if (hub.full()) {
            throw ApiException.unavailable("The live feed has reached its client limit. Try again later.", 30);
        }
        return hub.subscribe(new LiveFilter(split(deviceIds), split(sites), wantedTypes));
    }

    private static Set<String> split(List<String> values) {
        Set<String> out = new LinkedHashSet<>();
        if (values != null) {
            for (String v : values) {
                for (String part : v.split(",")) {
                    if (!part.isBlank()) {
                        out.add(part.trim());
                    }
                }
            }
        }
        return out;
    }
}
