package io.plantwatch.ingest.push.rest;

import io.plantwatch.ingest.push.service.PushService;
import io.plantwatch.ingest.reading.service.SampleBatch;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Seed-compatible push of one sample; the same rules as {@code POST /api/v1/ingest}. */
@Path("/api/v1/data")
@Tag(name = "ingest")
public class DataResource {

    private final PushService push;
    private final JsonWebToken jwt;

    public DataResource(PushService push, JsonWebToken jwt) {
        this.push = push;
        this.jwt = jwt;
    }

    @POST
    @Blocking
    @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    @RolesAllowed({"admin", "operator", "device"})
    @Operation(summary = "Push one sample: {\"deviceId\":\"pump-1\",\"ts\":\"…\",\"values\":{\"pressure\":2.1}} "
            + "or {\"deviceId\":\"pump-1\",\"channel\":\"pressure\",\"value\":2.1,\"ts\":\"…\"}; ts optional (server time)")
    public Response data(byte[] body) {
        SampleBatch batch = push.parseSingle(body);
        DeviceTokenRule.check(jwt, batch.deviceId());
        // answered on this worker thread, bounded by publish-timeout (see IngestResource)
        return Response.accepted(Accepted.of(push.publish(batch, body).await().indefinitely())).build();
    }
}
