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
    public Response ingest(byte[] body) {
        SampleBatch batch = push.parseBatch(body);
        DeviceTokenRule.check(jwt, batch.deviceId());
        // answered on this worker thread (bounded by publish-timeout): resuming the request from the Kafka callback
        // thread instead lost its request context under concurrent load and answered 500
        return Response.accepted(Accepted.of(push.publish(batch, body).await().indefinitely())).build();
    }
}
