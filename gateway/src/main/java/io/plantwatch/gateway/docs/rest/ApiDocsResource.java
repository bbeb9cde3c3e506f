package io.plantwatch.gateway.docs.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plantwatch.gateway.docs.service.ApiDocs;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.concurrent.CompletionStage;

/**
 * {@code GET /api/openapi.json}: the aggregated OpenAPI document of every service, shown by the Swagger UI at
 * {@code /api/docs}. Public by design, like each service's {@code /q/openapi}: it describes the API, holds no data.
 */
@Path("/api/openapi.json")
public class ApiDocsResource {

    @Inject
    ApiDocs docs;

    @GET
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The aggregated OpenAPI document of the PlantWatch API")
    public CompletionStage<ObjectNode> openApi(@Context HttpServerRequest request) {
        return docs.document("http://127.0.0.1:" + request.localAddress().port());
    }
}
