package io.plantwatch.report.top.rest;

import io.plantwatch.contracts.event.Severity;
import io.plantwatch.report.common.DeviceSelection;
import io.plantwatch.report.common.Params;
import io.plantwatch.report.common.TimeRange;
import io.plantwatch.report.config.ReportConfig;
import io.plantwatch.report.top.service.TopEntry;
import io.plantwatch.report.top.service.TopGrouping;
import io.plantwatch.report.top.service.TopService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Duration;
import java.util.List;

/** Top-N views: who alarms most. */
@Path("/api/v1/top")
@Tag(name = "history")
@RolesAllowed({"admin", "operator", "viewer"})
public class TopResource {

    private final TopService top;
    private final DeviceSelection selection;
    private final ReportConfig config;

    public TopResource(TopService top, DeviceSelection selection, ReportConfig config) {
        this.top = top;
        this.selection = selection;
        this.config = config;
    }

    @GET
    @Path("/anomalies")
    @Operation(summary = "Devices (by=device) or device channels (by=channel) with the most anomalies in [from, to) "
            + "(default: the last 7 days)")
    public List<TopEntry> anomalies(@QueryParam("by") String by, @QueryParam("deviceId") List<String> deviceId,
            @QueryParam("site") String site, @QueryParam("line") String line, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("minSeverity") String minSeverity, @QueryParam("limit") String limit) {
        return top.anomalies(selection.resolve(Params.list(deviceId), site, line, false), range(from, to),
                Params.oneEnum("by", by, TopGrouping.class, TopGrouping.DEVICE),
                Params.oneEnum("minSeverity", minSeverity, Severity.class, null), Params.intIn("limit", limit, 10, 1, 100));
    }

    @GET
    @Path("/alarms")
    @Operation(summary = "Devices (by=device) or device channels (by=channel) with the most alarms begun in [from, to) "
            + "(default: the last 7 days)")
    public List<TopEntry> alarms(@QueryParam("by") String by, @QueryParam("deviceId") List<String> deviceId,
            @QueryParam("site") String site, @QueryParam("line") String line, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("limit") String limit) {
        return top.alarms(selection.resolve(Params.list(deviceId), site, line, false), range(from, to),
                Params.oneEnum("by", by, TopGrouping.class, TopGrouping.DEVICE), Params.intIn("limit", limit, 10, 1, 100));
    }

    private TimeRange range(String from, String to) {
        return Params.range(from, to, Duration.ofDays(7), config.query().maxRange());
    }
}
