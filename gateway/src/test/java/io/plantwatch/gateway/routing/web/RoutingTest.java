package io.plantwatch.gateway.routing.web;

import io.plantwatch.gateway.testing.UpstreamStubs;
import io.plantwatch.local.testing.JwtTestResource;
import io.plantwatch.local.testing.KafkaTestResource;
import io.plantwatch.local.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

/** Requests through the gateway reach the owning service over real HTTP, with token, query, body and request id. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(UpstreamStubs.class)
class RoutingTest {

    @BeforeEach
    void normalServices() {
        UpstreamStubs.resetAll();
    }

    @ParameterizedTest
    @CsvSource({
            "GET, /api/v1/auth/me, AUTH",
            "GET, /api/v1/users, AUTH",
            "GET, /api/v1/posts, AUTH",
            "GET, /api/v1/devices, INGEST",
            "POST, /api/v1/ingest, INGEST",
            "GET, /api/v1/devices/pump-1/series, REPORT",
            "GET, /api/v1/data/latest, REPORT",
            "GET, /api/v1/anomalies, REPORT",
            "POST, /api/v1/anomalies/check, DETECTION",
            "GET, /api/v1/models, DETECTION",
            "GET, /api/v1/alarms, ALERT",
            "POST, /api/v1/alarms/a-1/ack, ALERT",
            "GET, /api/v1/reports/readings.csv, REPORT"
    })
    void eachPathReachesItsService(String method, String path, String service) {
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body("{\"x\":1}")
                .queryParam("deviceId", "pump-1")
                .request(method, path)
                .then().statusCode(200)
                .body("service", equalTo(service))
                .body("method", equalTo(method))
                .body("path", equalTo(path))
                .body("query", equalTo("deviceId=pump-1"))
                .body("headers.authorization", startsWith("Bearer "))
                .body("headers.x-forwarded-for", equalTo("127.0.0.1"));
    }

    @Test
    void bodyGoesThroughWhole() {
        String body = "{\"deviceId\":\"pump-1\",\"samples\":[" + "{\"v\":1},".repeat(2000) + "{\"v\":2}]}";
        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/ingest").then().statusCode(200)
                .body("bodyLength", equalTo(body.length()));
    }

    @Test
    void requestIdIsMadeWhenMissingForwardedAndReturned() {
        String made = given().auth().oauth2(TestTokens.viewer()).get("/api/v1/alarms").then().statusCode(200)
                .header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"))
                .extract().header("X-Request-Id");
        given().auth().oauth2(TestTokens.viewer()).get("/api/v1/alarms").then()
                .header("X-Request-Id", org.hamcrest.Matchers.not(equalTo(made)));
        given().auth().oauth2(TestTokens.viewer()).header("X-Request-Id", "shift-7.call-42").get("/api/v1/alarms")
                .then().statusCode(200)
                .header("X-Request-Id", equalTo("shift-7.call-42"))
                .body("headers.x-request-id", equalTo("shift-7.call-42"));
        // an id that could forge log lines is replaced
        given().auth().oauth2(TestTokens.viewer()).header("X-Request-Id", "bad id\" injected=1").get("/api/v1/alarms")
                .then().statusCode(200).header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"));
    }

    @Test
    void theEdgeChecksTokensAndServesOnlyKnownPaths() {
        given().get("/api/v1/alarms").then().statusCode(401).header("X-Request-Id", notNullValue());
        given().auth().oauth2(TestTokens.expired("olga", "viewer")).get("/api/v1/alarms").then().statusCode(401);
        given().auth().oauth2(TestTokens.tampered("olga", "viewer")).get("/api/v1/alarms").then().statusCode(401);
        given().auth().oauth2(TestTokens.wrongIssuer("olga", "viewer")).get("/api/v1/alarms").then().statusCode(401);
        // login is public: no token needed, and it reaches auth-service
        given().contentType(ContentType.JSON).body("{}").post("/api/v1/auth/login").then().statusCode(200)
                .body("service", equalTo("AUTH"));
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/nothing-here").then().statusCode(404)
                .contentType(ContentType.JSON).body("status", equalTo(404)).body("error", equalTo("not-found"))
                .body("message", startsWith("No PlantWatch service serves GET /api/v1/nothing-here"));
    }
}
