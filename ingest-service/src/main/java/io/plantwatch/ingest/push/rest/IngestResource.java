package io.plantwatch.ingest.push.rest;

import io.plantwatch.ingest.push.service.PushService;
import io.plantwatch.ingest.reading.service.SampleBatch;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** HTTP push of a batch of one device's samples. */
@Path("/api/v1/ingest")
@Tag(name = "ingest")
public class IngestResource {

    private final PushService push;
    private final JsonWebToken jwt;

    public IngestResource(PushService push, JsonWebToken jwt) {
        this.push = push;
        this.jwt = jwt;
    }

    @POST
    @Blocking
    @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    @RolesAllowed({"admin", "operator", "device"})
    @Operation(summary = "Push a batch of samples of one device: {\"deviceId\":\"pump-1\",\"samples\":[{\"ts\":\"…\",\"values\":{\"pressure\":2.1},\"id\":\"optional\"}]}")
    public Uni<Response> ingest(byte[] body) {
        SampleBatch batch = push.parseBatch(body);
        DeviceTokenRule.check(jwt, batch.deviceId());
        return push.publish(batch, body).map(r -> Response.accepted(Accepted.of(r)).build());
    }
}
