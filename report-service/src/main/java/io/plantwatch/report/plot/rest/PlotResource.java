package io.plantwatch.report.plot.rest;

import io.plantwatch.contracts.api.ApiException;
import io.plantwatch.report.anomaly.service.AnomalyView;
import io.plantwatch.report.common.Params;
import io.plantwatch.report.config.ReportConfig;
import io.plantwatch.report.plot.service.PlotService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Duration;
import java.time.Instant;

/** PNG plot of a device around a moment (the accelerometer seed's /plot). */
@Path("/api/v1/plot")
@Tag(name = "reports")
public class PlotResource {

    private final PlotService plots;
    private final ReportConfig config;

    public PlotResource(PlotService plots, ReportConfig config) {
        this.plots = plots;
        this.config = config;
    }

    @GET
    @Path("/{deviceId}")
    @Produces("image/png")
    @RolesAllowed({"admin", "operator", "viewer"})
    @Operation(summary = "PNG of a device's channels in a window (default PT10M) centred on at, or on the anomaly "
            + "anomalyId; anomalies in the window are marked in red")
    public byte[] plot(@PathParam("deviceId") String deviceId, @QueryParam("at") String at,
            @QueryParam("anomalyId") String anomalyId, @QueryParam("channel") String channel,
            @QueryParam("window") String window, @QueryParam("width") String width,
            @QueryParam("height") String height) {
        Instant centre = Params.instant("at", at, null);
        String plotted = channel == null || channel.isBlank() ? null : channel.trim();
        if (anomalyId != null && !anomalyId.isBlank()) {
            AnomalyView anomaly = plots.anomaly(deviceId, anomalyId.trim());
            centre = centre == null ? anomaly.ts() : centre;
            plotted = plotted == null && !"*".equals(anomaly.channel()) ? anomaly.channel() : plotted;
        }
        if (centre == null) {
            throw ApiException.invalid("at", "is required (an ISO-8601 instant), or give anomalyId");
        }
        Duration span = Params.duration("window", window, config.reports().plotWindow());
        if (span.compareTo(Duration.ofDays(31)) > 0) {
            throw ApiException.invalid("window", "may span at most 31 days");
        }
        return plots.png(deviceId, plotted, centre, span, Params.intIn("width", width, 800, 200, 4000),
                Params.intIn("height", height, 400, 150, 3000));
    }
}
