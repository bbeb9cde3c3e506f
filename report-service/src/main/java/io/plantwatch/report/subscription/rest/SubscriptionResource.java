package io.plantwatch.report.subscription.rest;

import io.plantwatch.report.common.TimeRange;
import io.plantwatch.report.subscription.service.ReportDelivery;
import io.plantwatch.report.subscription.service.Subscription;
import io.plantwatch.report.subscription.service.SubscriptionRequest;
import io.plantwatch.report.subscription.service.SubscriptionService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Subscriptions to daily or weekly PDF or CSV reports by e-mail. */
@Path("/api/v1/reports/subscriptions")
@Tag(name = "reports")
@RolesAllowed({"admin", "operator", "viewer"})
public class SubscriptionResource {

    private final SubscriptionService subscriptions;
    private final ReportDelivery delivery;

    public SubscriptionResource(SubscriptionService subscriptions, ReportDelivery delivery) {
        this.subscriptions = subscriptions;
        this.delivery = delivery;
    }

    @POST
    @Operation(summary = "Subscribe: {email, format: PDF|CSV, period: DAILY|WEEKLY, site (+line) or deviceIds, "
            + "channels}; the first report is the period that ends next")
    public Response create(SubscriptionRequest request, @Context SecurityContext security) {
        Subscription created = subscriptions.create(user(security), request, Instant.now());
        return Response.status(201).entity(created).header("Location", "/api/v1/reports/subscriptions/" + created.id())
                .build();
    }

    @GET
    @Operation(summary = "My subscriptions (an admin sees everyone's)")
    public List<Subscription> list(@Context SecurityContext security) {
        return subscriptions.list(user(security), security.isUserInRole("admin"));
    }

    @GET
    @Path("/{id}")
    public Subscription get(@PathParam("id") String id, @Context SecurityContext security) {
        return subscriptions.get(id, user(security), security.isUserInRole("admin"));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Unsubscribe")
    public Response delete(@PathParam("id") String id, @Context SecurityContext security) {
        subscriptions.delete(id, user(security), security.isUserInRole("admin"));
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/send")
    @Operation(summary = "E-mail the latest complete period of this subscription now (its schedule is unchanged)")
    public Map<String, Object> sendNow(@PathParam("id") String id, @Context SecurityContext security) {
        Subscription s = subscriptions.get(id, user(security), security.isUserInRole("admin"));
        TimeRange range = delivery.sendNow(s, Instant.now());
        return Map.of("id", s.id(), "sentTo", s.email(), "from", range.from().toString(), "to", range.to().toString());
    }

    private static String user(SecurityContext security) {
        return security.getUserPrincipal().getName();
    }
}
