package io.plantwatch.report.export.rest;

import io.plantwatch.report.anomaly.rest.AnomalyResource;
import io.plantwatch.report.anomaly.service.AnomalyQuery;
import io.plantwatch.report.common.DeviceSelection;
import io.plantwatch.report.common.Params;
import io.plantwatch.report.common.TimeRange;
import io.plantwatch.report.config.ReportConfig;
import io.plantwatch.report.export.service.ExportService;
import io.plantwatch.report.export.service.Resolution;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;

/**
 * CSV and XLSX exports, streamed: the parameters are checked first (a 400 names the field), then rows go from the
 * database cursor to the response.
 */
@Path("/api/v1/reports/export")
@Tag(name = "reports")
@RolesAllowed({"admin", "operator", "viewer"})
public class ExportResource {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final String CSV = "text/csv; charset=UTF-8";
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm").withZone(ZoneOffset.UTC);

    private final ExportService exports;
    private final DeviceSelection selection;
    private final ReportConfig config;

    public ExportResource(ExportService exports, DeviceSelection selection, ReportConfig config) {
        this.exports = exports;
        this.selection = selection;
        this.config = config;
    }

    @GET
    @Path("/readings.csv")
    @Operation(summary = "Readings of devices (deviceId, repeatable or comma-separated) or a site in [from, to) "
            + "(default: the last 24 h) as CSV, one row per channel value; resolution raw (default), 1m or 1h")
    public Response readingsCsv(@QueryParam("deviceId") List<String> deviceId, @QueryParam("site") String site,
            @QueryParam("line") String line, @QueryParam("channels") String channels, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("resolution") String resolution) {
        List<String> devices = selection.resolve(Params.list(deviceId), site, line, true);
        TimeRange range = range(from, to);
        Set<String> wanted = Params.list(channels);
        Resolution res = Resolution.parse(resolution);
        StreamingOutput body = out -> exports.readingsCsv(devices, wanted, range, res, out);
        return attachment(body, CSV, "readings", range, "csv");
    }

    @GET
    @Path("/readings.xlsx")
    @Operation(summary = "The readings export as an XLSX workbook (streamed with Apache POI; capped at the configured rows)")
    public Response readingsXlsx(@QueryParam("deviceId") List<String> deviceId, @QueryParam("site") String site,
            @QueryParam("line") String line, @QueryParam("channels") String channels, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("resolution") String resolution) {
        List<String> devices = selection.resolve(Params.list(deviceId), site, line, true);
        TimeRange range = range(from, to);
        Set<String> wanted = Params.list(channels);
        Resolution res = Resolution.parse(resolution);
        StreamingOutput body = out -> exports.readingsXlsx(devices, wanted, range, res, out);
        return attachment(body, XLSX, "readings", range, "xlsx");
    }

    @GET
    @Path("/anomalies.csv")
    @Operation(summary = "Anomalies with the filters of GET /anomalies in [from, to) (default: the last 7 days) as CSV")
    public Response anomaliesCsv(@QueryParam("deviceId") List<String> deviceId, @QueryParam("site") String site,
            @QueryParam("line") String line, @QueryParam("channel") String channel, @QueryParam("type") List<String> type,
            @QueryParam("severity") List<String> severity, @QueryParam("minSeverity") String minSeverity,
            @QueryParam("detector") String detector, @QueryParam("from") String from, @QueryParam("to") String to) {
        TimeRange range = Params.range(from, to, Duration.ofDays(7), config.query().maxRange());
        AnomalyQuery query = AnomalyResource.query(selection, deviceId, site, line, channel, type, severity, minSeverity,
                detector, range.from().toString(), range.to().toString(), null);
        StreamingOutput body = out -> exports.anomaliesCsv(query, out);
        return attachment(body, CSV, "anomalies", range, "csv");
    }

    @GET
    @Path("/anomalies.xlsx")
    @Operation(summary = "The anomalies export as an XLSX workbook")
    public Response anomaliesXlsx(@QueryParam("deviceId") List<String> deviceId, @QueryParam("site") String site,
            @QueryParam("line") String line, @QueryParam("channel") String channel, @QueryParam("type") List<String> type,
            @QueryParam("severity") List<String> severity, @QueryParam("minSeverity") String minSeverity,
            @QueryParam("detector") String detector, @QueryParam("from") String from, @QueryParam("to") String to) {
        TimeRange range = Params.range(from, to, Duration.ofDays(7), config.query().maxRange());
        AnomalyQuery query = AnomalyResource.query(selection, deviceId, site, line, channel, type, severity, minSeverity,
                detector, range.from().toString(), range.to().toString(), null);
        StreamingOutput body = out -> exports.anomaliesXlsx(query, out);
        return attachment(body, XLSX, "anomalies", range, "xlsx");
    }

    private TimeRange range(String from, String to) {
        return Params.range(from, to, Duration.ofDays(1), config.query().maxRange());
    }

    static Response attachment(StreamingOutput body, String type, String name, TimeRange range, String extension) {
        return Response.ok(body, type).header("Content-Disposition", "attachment; filename=\"" + fileName(name, range,
                extension) + "\"").build();
    }

    public static String fileName(String name, TimeRange range, String extension) {
        return name + "-" + FILE_TIME.format(range.from()) + "-" + FILE_TIME.format(range.to()) + "." + extension;
    }
}
