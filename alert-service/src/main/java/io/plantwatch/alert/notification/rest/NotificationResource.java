package io.plantwatch.alert.notification.rest;

import io.plantwatch.alert.alarm.rest.QueryParams;
import io.plantwatch.alert.notification.service.DigestService;
import io.plantwatch.alert.notification.service.ManualSend;
import io.plantwatch.alert.notification.service.NotificationLog;
import io.plantwatch.contracts.api.ApiException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
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
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Manual send, digest on demand, and the notification log. */
@Path("/api/v1/notifications")
@Tag(name = "notifications")
@Produces(MediaType.APPLICATION_JSON)
public class NotificationResource {

    private static final Set<String> STATES = Set.of("QUEUED", "SENDING", "SENT", "FAILED");
    private static final Set<String> KINDS = Set.of("ALARM", "RAISED", "REMINDER", "ESCALATION", "ASSIGNED", "DIGEST",
            "MESSAGE");

    private final ManualSend manualSend;
    private final DigestService digests;
    private final NotificationLog log;

    public NotificationResource(ManualSend manualSend, DigestService digests, NotificationLog log) {
        this.manualSend = manualSend;
        this.digests = digests;
        this.log = log;
    }

    @POST
    @Path("/send")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"admin", "operator"})
    @Operation(summary = "Send a message and/or an alarm summary to users and/or roles (queued; 202)")
    public RestResponse<ManualSend.Result> send(@NotNull ManualSend.Request request, @Context SecurityContext caller) {
        return RestResponse.status(RestResponse.Status.ACCEPTED, manualSend.send(request, actor(caller)));
    }

    @POST
    @Path("/digest")
    @RolesAllowed("admin")
    @Operation(summary = "Run the digest now (it also runs on its cron)")
    public Map<String, Integer> digestNow() {
        return Map.of("queued", digests.run());
    }

    @GET
    @Path("/log")
    @RolesAllowed({"admin", "operator"})
    @Operation(summary = "Every e-mail, newest first, with state (QUEUED, SENDING, SENT, FAILED) and attempts; "
            + "total count in X-Total-Count")
    public RestResponse<List<NotificationLog.Entry>> log(@QueryParam("recipient") String recipient,
            @QueryParam("state") String state, @QueryParam("kind") String kind, @QueryParam("alarmId") String alarmId,
            @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        NotificationLog.Page result = log.list(blankToNull(recipient), oneOf("state", state, STATES),
                oneOf("kind", kind, KINDS), blankToNull(alarmId), QueryParams.instant("from", from),
                QueryParams.instant("to", to), page, size);
        return RestResponse.ResponseBuilder.ok(result.items()).header("X-Total-Count", result.total()).build();
    }

    private static String oneOf(String field, String raw, Set<String> allowed) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String value = raw.strip().toUpperCase(Locale.ROOT);
        if (!allowed.contains(value)) {
            throw ApiException.invalid(field, "must be one of " + String.join(", ", new java.util.TreeSet<>(allowed)));
        }
        return value;
    }

    static String actor(SecurityContext caller) {
        return caller.getUserPrincipal() == null ? "unknown" : caller.getUserPrincipal().getName();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
