package io.plantwatch.report.report.rest;

import io.plantwatch.report.common.DeviceSelection;
import io.plantwatch.report.common.Params;
import io.plantwatch.report.common.TimeRange;
import io.plantwatch.report.config.ReportConfig;
import io.plantwatch.report.export.rest.ExportResource;
import io.plantwatch.report.report.service.ReportService;
import io.plantwatch.report.report.service.ReportSpec;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Duration;
import java.util.List;

/** The PDF report of a site or device set over a period. */
@Path("/api/v1/reports/pdf")
@Tag(name = "reports")
public class ReportResource {

    private final ReportService reports;
    private final DeviceSelection selection;
    private final ReportConfig config;

    public ReportResource(ReportService reports, DeviceSelection selection, ReportConfig config) {
        this.reports = reports;
        this.selection = selection;
        this.config = config;
    }

    @GET
    @RolesAllowed({"admin", "operator", "viewer"})
    @Operation(summary = "PDF report for a site (and line) or devices (deviceId) over [from, to) (default: the last "
            + "24 h): summary statistics with energy, a chart per channel with anomalies marked, alarms, top offenders")
    public Response pdf(@QueryParam("site") String site, @QueryParam("line") String line,
            @QueryParam("deviceId") List<String> deviceId, @QueryParam("channels") String channels,
            @QueryParam("from") String from, @QueryParam("to") String to) {
        List<String> devices = selection.resolve(Params.list(deviceId), site, line, true);
        TimeRange range = Params.range(from, to, Duration.ofDays(1), config.query().maxRange());
        ReportSpec spec = new ReportSpec(site == null || site.isBlank() ? null : site.trim(), devices,
                Params.list(channels), range);
        StreamingOutput body = out -> reports.pdf(spec, out);
        return Response.ok(body, "application/pdf").header("Content-Disposition",
                "attachment; filename=\"" + ExportResource.fileName("report", range, "pdf") + "\"").build();
    }
}
