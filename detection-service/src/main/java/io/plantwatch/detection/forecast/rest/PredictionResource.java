package io.plantwatch.detection.forecast.rest;

import io.plantwatch.detection.forecast.service.ForecastService;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Channel forecasts (e.g. power or energy for the next 24–48 h) with prediction intervals and honest accuracy. */
@Path("/api/v1/predictions")
@Produces(MediaType.APPLICATION_JSON)
public class PredictionResource {

    private final ForecastService service;
    private final SecurityIdentity identity;

    public PredictionResource(ForecastService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    @POST
    @Path("/generate")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"admin", "operator"})
    @Operation(summary = "Forecast a channel from its stored history (deviceId, channel, horizon=48h, step=1h,"
            + " historyDays=28); stores it as the channel's latest forecast, watched live for deviations")
    public ForecastService.ForecastView generate(ForecastService.GenerateRequest request,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return service.generate(request, identity.getPrincipal().getName(), authorization);
    }

    @GET
    @RolesAllowed({"admin", "operator", "viewer"})
    @Operation(summary = "The latest forecast of a channel, cut to the horizon (e.g. 48h)")
    public ForecastService.ForecastView latest(@QueryParam("deviceId") String deviceId,
            @QueryParam("channel") String channel, @QueryParam("horizon") String horizon) {
        return service.latest(deviceId, channel, horizon);
    }
}
