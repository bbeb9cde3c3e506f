package io.plantwatch.gateway.routing.web;

import io.plantwatch.gateway.routing.service.Upstream;
import io.plantwatch.gateway.testing.UpstreamStubs;
import io.plantwatch.local.testing.JwtTestResource;
import io.plantwatch.local.testing.KafkaTestResource;
import io.plantwatch.local.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A stopped, silent or failing service never makes the gateway hang: 503/504 with a JSON message, retries only for
 * idempotent calls, and a circuit breaker that stops calling a service that keeps failing (SmallRye Fault Tolerance).
 * Each test uses its own service so that one test's breaker state cannot leak into another.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(UpstreamStubs.class)
class ResilienceTest {

    private static final String TOKEN = TestTokens.user("resilience-tester", "admin");

    @BeforeEach
    @AfterEach
    void normalServicesAndClosedBreakers() {
        UpstreamStubs.resetAll();
        for (String path : new String[]{"/api/v1/models", "/api/v1/alarms", "/api/v1/data/latest", "/api/v1/devices"}) {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                    given().auth().oauth2(TOKEN).get(path).then().statusCode(200));
        }
        UpstreamStubs.resetAll();
    }

    @Test
    void aStoppedServiceGives503InJsonAtOnce() {
        UpstreamStubs.stub(Upstream.DETECTION).stop();
        long start = System.nanoTime();
        given().auth().oauth2(TOKEN).get("/api/v1/models").then().statusCode(503)
                .contentType(ContentType.JSON)
                .header("Retry-After", notNullValue())
                .body("status", equalTo(503)).body("error", equalTo("service-unavailable"))
                .body("message", containsString("detection-service"));
        given().auth().oauth2(TOKEN).contentType(ContentType.JSON).body("{\"name\":\"m\"}")
                .post("/api/v1/models/train").then().statusCode(503).body("message", containsString("detection-service"));
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 20, "503s must come at once, not after a hang");
    }

    @Test
    void aSilentServiceGives504AfterTheResponseTimeout() {
        UpstreamStubs.stub(Upstream.REPORT).mode(UpstreamStubs.Mode.SILENT);
        given().auth().oauth2(TOKEN).contentType(ContentType.JSON).body("{}")
                .get("/api/v1/data/latest").then().statusCode(504)
                .contentType(ContentType.JSON).body("error", equalTo("gateway-timeout"))
                .body("message", containsString("report-service did not answer within 2 s"));
    }

    @Test
    void idempotentCallsAreRetriedOthersAreNot() {
        UpstreamStubs.Stub alert = UpstreamStubs.stub(Upstream.ALERT);
        alert.failNext(2, 503);
        given().auth().oauth2(TOKEN).get("/api/v1/alarms").then().statusCode(200).body("service", equalTo("ALERT"));
        assertEquals(3, alert.calls(), "a GET answered 503 twice is tried a third time");

        alert.reset().failNext(1, 503);
        given().auth().oauth2(TOKEN).contentType(ContentType.JSON).body("{}").post("/api/v1/alarms/a-1/ack")
                .then().statusCode(503).body("error", equalTo("stub-failure"));
        assertEquals(1, alert.calls(), "a POST is never repeated: the service's own 503 is passed on");

        alert.reset().failNext(5, 500);
        given().auth().oauth2(TOKEN).get("/api/v1/alarms").then().statusCode(500);
        assertEquals(1, alert.calls(), "a 500 is the service's answer, not unavailability: no retry");
    }

    @Test
    void theBreakerOpensOnRepeatedFailuresAndClosesWhenTheServiceIsBack() {
        UpstreamStubs.Stub ingest = UpstreamStubs.stub(Upstream.INGEST);
        ingest.stop();
        boolean opened = false;
        for (int i = 0; i < 30 && !opened; i++) {
            Response r = given().auth().oauth2(TOKEN).get("/api/v1/devices");
            assertEquals(503, r.statusCode());
            opened = r.jsonPath().getString("message").contains("failed repeatedly");
        }
        assertTrue(opened, "after repeated failures the breaker answers for the service");
        ingest.start();
        // the breaker lets a trial call through after its delay (2 s in tests), then closes
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                given().auth().oauth2(TOKEN).get("/api/v1/devices").then().statusCode(200)
                        .body("service", equalTo("INGEST")));
    }
}
