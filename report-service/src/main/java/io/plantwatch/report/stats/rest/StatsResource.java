package io.plantwatch.report.stats.rest;

import io.plantwatch.report.common.DeviceSelection;
import io.plantwatch.report.common.Params;
import io.plantwatch.report.common.TimeRange;
import io.plantwatch.report.config.ReportConfig;
import io.plantwatch.report.stats.service.StatsReport;
import io.plantwatch.report.stats.service.StatsService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Duration;
import java.util.List;

/** Statistics over a range. */
@Path("/api/v1/stats")
@Tag(name = "history")
public class StatsResource {

    private final StatsService stats;
    private final DeviceSelection selection;
    private final ReportConfig config;

    public StatsResource(StatsService stats, DeviceSelection selection, ReportConfig config) {
        this.stats = stats;
        this.selection = selection;
        this.config = config;
    }

    @GET
    @RolesAllowed({"admin", "operator", "viewer"})
    @Operation(summary = "min, max, avg, stddev, p95 and count per channel over [from, to) (default: the last 24 h) "
            + "for the devices given (deviceId, repeatable or comma-separated) or a site (and line); "
            + "power channels (unit W/kW/MW, or named power…) also get energyKwh")
    public StatsReport stats(@QueryParam("deviceId") List<String> deviceId, @QueryParam("site") String site,
            @QueryParam("line") String line, @QueryParam("channels") String channels, @QueryParam("from") String from,
            @QueryParam("to") String to) {
        List<String> devices = selection.resolve(Params.list(deviceId), site, line, true);
        TimeRange range = Params.range(from, to, Duration.ofDays(1), config.query().maxRange());
        return stats.stats(devices, Params.list(channels), range);
    }
}
