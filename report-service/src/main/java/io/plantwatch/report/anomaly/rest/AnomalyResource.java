package io.plantwatch.report.anomaly.rest;

import io.plantwatch.contracts.event.AnomalyType;
import io.plantwatch.contracts.event.Severity;
import io.plantwatch.report.anomaly.service.AnomalyHistory;
import io.plantwatch.report.anomaly.service.AnomalyQuery;
import io.plantwatch.report.anomaly.service.AnomalySort;
import io.plantwatch.report.common.DeviceSelection;
import io.plantwatch.report.common.Params;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** Anomaly history: filters, sorting, paging; the total count is in the X-Total-Count header. */
@Path("/api/v1/anomalies")
@Tag(name = "history")
public class AnomalyResource {

    private final AnomalyHistory history;
    private final DeviceSelection selection;

    public AnomalyResource(AnomalyHistory history, DeviceSelection selection) {
        this.history = history;
        this.selection = selection;
    }

    @GET
    @RolesAllowed({"admin", "operator", "viewer"})
    @Operation(summary = "Anomalies with their alarm's resolved flag; filter by device(s), site, channel, type, "
            + "severity, minSeverity, detector, from/to; sort by ts, severity, score or deviceId ('-' = descending)")
    public Response list(@QueryParam("deviceId") List<String> deviceId, @QueryParam("site") String site,
            @QueryParam("line") String line, @QueryParam("channel") String channel, @QueryParam("type") List<String> type,
            @QueryParam("severity") List<String> severity, @QueryParam("minSeverity") String minSeverity,
            @QueryParam("detector") String detector, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("sort") String sort, @QueryParam("page") String page, @QueryParam("size") String size) {
        AnomalyQuery query = query(selection, deviceId, site, line, channel, type, severity, minSeverity, detector,
                from, to, sort);
        int p = Params.intIn("page", page, 0, 0, 1_000_000);
        int s = Params.intIn("size", size, 50, 1, 500);
        AnomalyHistory.Page result = history.find(query, p, s);
        return Response.ok(result.items()).header("X-Total-Count", result.total()).build();
    }

    /** The query of a request's filter parameters (shared with the anomaly exports). */
    public static AnomalyQuery query(DeviceSelection selection, List<String> deviceId, String site, String line,
            String channel, List<String> type, List<String> severity, String minSeverity, String detector,
            String from, String to, String sort) {
        List<String> devices = selection.resolve(Params.list(deviceId), site, line, false);
        return new AnomalyQuery(devices, blankToNull(channel), Params.enums("type", Params.list(type), AnomalyType.class),
                Params.enums("severity", Params.list(severity), Severity.class),
                Params.oneEnum("minSeverity", minSeverity, Severity.class, null), blankToNull(detector),
                Params.instant("from", from, null), Params.instant("to", to, null), AnomalySort.parse(sort));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
