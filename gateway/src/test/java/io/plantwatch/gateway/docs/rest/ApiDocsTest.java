package io.plantwatch.gateway.docs.rest;

import io.plantwatch.gateway.routing.service.Upstream;
import io.plantwatch.gateway.testing.UpstreamStubs;
import io.plantwatch.local.testing.JwtTestResource;
import io.plantwatch.local.testing.KafkaTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** One OpenAPI document for the whole API, built from the services' own documents, and Swagger UI at /api/docs. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(UpstreamStubs.class)
class ApiDocsTest {

    @AfterEach
    void normalServices() {
        UpstreamStubs.resetAll();
    }

    @Test
    void theAggregatedDocumentHasWhatTheGatewayRoutesTaggedByService() {
        UpstreamStubs.stub(Upstream.ALERT).openApi(doc("/api/v1/alarms", "get", "Alarm",
                new JsonObject().put("type", "object").put("properties", new JsonObject().put("status",
                        new JsonObject().put("type", "string")))));
        UpstreamStubs.stub(Upstream.REPORT).openApi(doc("/api/v1/anomalies", "get", "Alarm",
                new JsonObject().put("type", "object").put("properties", new JsonObject().put("resolved",
                        new JsonObject().put("type", "boolean"))))
                // report does not own /alarms: a path a service lists but the gateway does not send it is left out
                .put("paths", new JsonObject()
                        .put("/api/v1/anomalies", operation("get", "Alarm"))
                        .put("/api/v1/devices/{deviceId}/series", operation("get", "Alarm"))
                        .put("/api/v1/alarms", operation("delete", "Alarm"))));
        UpstreamStubs.stub(Upstream.AUTH).openApi(doc("/api/v1/auth/login", "post", "Token",
                new JsonObject().put("type", "object")));
        UpstreamStubs.stub(Upstream.INGEST).openApi(doc("/api/v1/ingest", "post", "Batch", new JsonObject().put("type", "object")));
        UpstreamStubs.stub(Upstream.DETECTION).stop();

        given().get("/api/openapi.json").then().statusCode(200)
                .body("info.description", containsString("detection-service"))
                .body("paths", not(org.hamcrest.Matchers.hasKey("/api/v1/models")));

        UpstreamStubs.stub(Upstream.DETECTION).openApi(doc("/api/v1/models", "get", "Model", new JsonObject().put("type", "object")));
        UpstreamStubs.resetAll();
        given().get("/api/openapi.json").then().statusCode(200)
                .body("info.title", equalTo("PlantWatch API"))
                .body("info.description", not(containsString("not reachable")))
                .body("paths.'/api/v1/alarms'.get.tags", hasItems("alert-service"))
                .body("paths.'/api/v1/alarms'.delete", nullValue())
                .body("paths.'/api/v1/anomalies'.get.tags", hasItems("report-service"))
                .body("paths.'/api/v1/devices/{deviceId}/series'.get.tags", hasItems("report-service"))
                .body("paths.'/api/v1/auth/login'.post.tags", hasItems("auth-service"))
                .body("paths.'/api/v1/models'.get.tags", hasItems("detection-service"))
                // the gateway's own live feed is part of the API
                .body("paths.'/api/v1/live'.get.tags", hasItems("gateway"))
                // two services, one schema name, two shapes: both kept, the second one renamed and its refs rewritten
                .body("components.schemas.Alarm.properties.status.type", equalTo("string"))
                .body("components.schemas.ReportService_Alarm.properties.resolved.type", equalTo("boolean"))
                .body("paths.'/api/v1/anomalies'.get.responses.'200'.content.'application/json'.schema.'$ref'",
                        equalTo("#/components/schemas/ReportService_Alarm"))
                .body("components.securitySchemes", notNullValue());
    }

    @Test
    void swaggerUiIsServedAtApiDocs() {
        given().get("/api/docs/").then().statusCode(200).body(containsString("swagger"));
    }

    private static JsonObject doc(String path, String method, String schema, JsonObject schemaBody) {
        return new JsonObject().put("openapi", "3.0.3")
                .put("paths", new JsonObject().put(path, operation(method, schema)))
                .put("components", new JsonObject()
                        .put("schemas", new JsonObject().put(schema, schemaBody))
                        .put("securitySchemes", new JsonObject().put("SecurityScheme", new JsonObject()
                                .put("type", "http").put("scheme", "bearer").put("bearerFormat", "JWT"))));
    }

    private static JsonObject operation(String method, String schema) {
        return new JsonObject().put(method, new JsonObject()
                .put("tags", new JsonArray().add("Own tag"))
                .put("responses", new JsonObject().put("200", new JsonObject().put("description", "OK")
                        .put("content", new JsonObject().put("application/json", new JsonObject()
                                .put("schema", new JsonObject().put("$ref", "#/components/schemas/" + schema)))))));
    }
}
