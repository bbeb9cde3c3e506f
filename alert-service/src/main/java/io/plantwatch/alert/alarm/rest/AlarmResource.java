package io.plantwatch.alert.alarm.rest;

import io.plantwatch.alert.alarm.service.Alarm;
import io.plantwatch.alert.alarm.service.AlarmDetail;
import io.plantwatch.alert.alarm.service.AlarmPage;
import io.plantwatch.alert.alarm.service.AlarmQuery;
import io.plantwatch.alert.alarm.service.AlarmService;
import io.plantwatch.contracts.api.ApiException;
import io.plantwatch.contracts.event.AlarmStatus;
import io.plantwatch.contracts.event.Severity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import java.time.Instant;
import java.util.List;

/**
 * The alarm list and the alarm actions. Alarm ids contain '|' and '#': clients URL-encode them in paths
 * ({@code pump-1%7Cpressure%7CSPIKE%231}).
 */
@Path("/api/v1/alarms")
@Tag(name = "alarms")
@Produces(MediaType.APPLICATION_JSON)
public class AlarmResource {

    private final AlarmService alarms;

    public AlarmResource(AlarmService alarms) {
        this.alarms = alarms;
    }

    @GET
    @RolesAllowed({"admin", "operator", "viewer"})
    @Operation(summary = "Alarms, newest first, filtered by device, site, status, severity and time (open in [from, to)); "
            + "total count in X-Total-Count")
    public RestResponse<List<Alarm>> list(@QueryParam("deviceId") String deviceId, @QueryParam("site") String site,
            @QueryParam("status") List<String> status, @QueryParam("severity") List<String> severity,
            @QueryParam("minSeverity") String minSeverity, @QueryParam("active") Boolean active,
            @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        Instant fromInstant = QueryParams.instant("from", from);
        Instant toInstant = QueryParams.instant("to", to);
        if (fromInstant != null && toInstant != null && !fromInstant.isBefore(toInstant)) {
            throw ApiException.invalid("to", "must be after from");
        }
        AlarmPage result = alarms.list(new AlarmQuery(blankToNull(deviceId), blankToNull(site),
                QueryParams.enums("status", status, AlarmStatus.class), QueryParams.enums("severity", severity, Severity.class),
                QueryParams.oneEnum("minSeverity", minSeverity, Severity.class), active, fromInstant, toInstant, page, size));
        return RestResponse.ResponseBuilder.ok(result.items()).header("X-Total-Count", result.total()).build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({"admin", "operator", "viewer"})
    @Operation(summary = "One alarm with its history (who did what, when), comments included")
    public AlarmDetail get(@PathParam("id") String id) {
        return alarms.get(id);
    }

    @POST
    @Path("/{id}/ack")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({"admin", "operator"})
    @Operation(summary = "Acknowledge; 409 when already acknowledged")
    public Alarm acknowledge(@PathParam("id") String id, @Valid AlarmRequests.Note body, @Context SecurityContext caller) {
        return alarms.acknowledge(id, actor(caller), body == null ? null : body.comment());
    }

    @POST
    @Path("/{id}/clear")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({"admin", "operator"})
    @Operation(summary = "Clear; a new anomaly afterwards opens a new alarm; 409 when already cleared")
    public Alarm clear(@PathParam("id") String id, @Valid AlarmRequests.Note body, @Context SecurityContext caller) {
        return alarms.clear(id, actor(caller), body == null ? null : body.comment());
    }

    @POST
    @Path("/{id}/assign")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"admin", "operator"})
    @Operation(summary = "Assign to a user (by username)")
    public Alarm assign(@PathParam("id") String id, @Valid @NotNull AlarmRequests.Assign body,
            @Context SecurityContext caller) {
        return alarms.assign(id, body.assignee().strip(), actor(caller));
    }

    @POST
    @Path("/{id}/comments")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"admin", "operator"})
    @Operation(summary = "Add a comment to the alarm's history")
    public Alarm comment(@PathParam("id") String id, @Valid @NotNull AlarmRequests.Comment body,
            @Context SecurityContext caller) {
        return alarms.comment(id, body.text(), actor(caller));
    }

    static String actor(SecurityContext caller) {
        return caller.getUserPrincipal() == null ? "unknown" : caller.getUserPrincipal().getName();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
