package io.plantwatch.report.reading.rest;

import io.plantwatch.report.common.DeviceSelection;
import io.plantwatch.report.common.Params;
import io.plantwatch.report.common.TimeRange;
import io.plantwatch.report.config.ReportConfig;
import io.plantwatch.report.reading.service.HistoryService;
import io.plantwatch.report.reading.service.LatestValue;
import io.plantwatch.report.reading.service.Series;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/** Latest values and series from the readings history. */
@Path("/api/v1")
@Tag(name = "history")
@RolesAllowed({"admin", "operator", "viewer"})
public class DataResource {

    private final HistoryService history;
    private final DeviceSelection selection;
    private final ReportConfig config;

    public DataResource(HistoryService history, DeviceSelection selection, ReportConfig config) {
        this.history = history;
        this.selection = selection;
        this.config = config;
    }

    @GET
    @Path("/data/latest")
    @Operation(summary = "Latest value of every channel of every device (or of the devices given by deviceId / site)")
    public List<LatestValue> latest(@QueryParam("deviceId") List<String> deviceId, @QueryParam("site") String site,
            @QueryParam("line") String line) {
        return history.latest(selection.resolve(Params.list(deviceId), site, line, false));
    }

    @GET
    @Path("/devices/{deviceId}/series")
    @Operation(summary = "Series of a device in [from, to) (default: the last hour) with at most maxPoints points; "
            + "the resolution (raw, 1m or 1h rollups) is chosen to fit and told in X-Resolution and X-Bucket-Seconds")
    public Response series(@PathParam("deviceId") String deviceId, @QueryParam("channels") String channels,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("maxPoints") String maxPoints) {
        return seriesResponse(deviceId, Params.list(channels), from, to, maxPoints);
    }

    @GET
    @Path("/sensors/{deviceId}/{channel}")
    @Operation(summary = "Series of one channel of a device (same rules as /devices/{id}/series)")
    public Response sensor(@PathParam("deviceId") String deviceId, @PathParam("channel") String channel,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("maxPoints") String maxPoints) {
        return seriesResponse(deviceId, Set.of(channel), from, to, maxPoints);
    }

    private Response seriesResponse(String deviceId, Set<String> channels, String from, String to, String maxPoints) {
        int max = Params.intIn("maxPoints", maxPoints, config.query().defaultMaxPoints(), 1, config.query().maxMaxPoints());
        TimeRange range = Params.range(from, to, Duration.ofHours(1), config.query().maxRange().multipliedBy(5));
        Series series = history.series(deviceId, channels, range.from(), range.to(), max);
        return Response.ok(series.points()).header("X-Resolution", series.resolution())
                .header("X-Bucket-Seconds", series.bucketSeconds()).build();
    }
}
