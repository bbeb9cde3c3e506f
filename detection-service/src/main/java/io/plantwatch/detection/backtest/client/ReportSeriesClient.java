package io.plantwatch.detection.backtest.client;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** report-service's stored readings ({@code REPORT_URL}), read with the caller's own bearer token. */
@RegisterRestClient(configKey = "report-service")
@Path("/api/v1/devices")
public interface ReportSeriesClient {

    @GET
    @Path("/{deviceId}/series")
    @Produces(MediaType.APPLICATION_JSON)
    JsonNode series(@PathParam("deviceId") String deviceId, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("channels") String channels,
            @QueryParam("maxPoints") int maxPoints, @HeaderParam("Authorization") String authorization);
}
