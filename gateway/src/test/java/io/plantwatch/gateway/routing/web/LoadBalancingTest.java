package io.plantwatch.gateway.routing.web;

import io.plantwatch.gateway.testing.InstanceStubs;
import io.plantwatch.local.testing.JwtTestResource;
import io.plantwatch.local.testing.KafkaTestResource;
import io.plantwatch.local.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A service configured with several instances (comma-separated URLs): calls go round robin, an instance that cannot
 * be reached is skipped for every method (the call never left the gateway), and a call an instance did receive is
 * never sent to another one.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(InstanceStubs.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LoadBalancingTest {

    private static final String BODY = "{\"deviceId\":\"lb-1\",\"samples\":[]}";

    @BeforeEach
    void bothInstancesUp() {
        InstanceStubs.INGEST_A.reset().start();
        InstanceStubs.INGEST_B.reset().start();
    }

    @Test
    @Order(1)
    void callsTakeTurnsAndSkipTheInstanceThatIsDown() {
        String token = TestTokens.user("lb-reader", "admin");
        // nine calls go through every rotation of [A, down, B] three times: A first (3), down first → B (3), B first (3)
        for (int i = 0; i < 9; i++) {
            given().auth().oauth2(token).get("/api/v1/devices").then().statusCode(200).body("service", equalTo("INGEST"));
        }
        assertEquals(3, InstanceStubs.INGEST_A.calls(), "instance A gets its own turns");
        assertEquals(6, InstanceStubs.INGEST_B.calls(), "instance B gets its turns and those of the instance that is down");
    }

    @Test
    @Order(2)
    void aPostFailsOverOnlyWhileNoInstanceReceivedIt() {
        String token = TestTokens.user("lb-writer", "admin");
        for (int i = 0; i < 6; i++) {
            given().auth().oauth2(token).contentType(ContentType.JSON).body(BODY).post("/api/v1/ingest").then()
                    .statusCode(200).body("method", equalTo("POST")).body("bodyLength", equalTo(BODY.length()));
        }
        assertEquals(6, InstanceStubs.INGEST_A.calls() + InstanceStubs.INGEST_B.calls(), "each POST reached one instance once");

        InstanceStubs.INGEST_A.reset().failNext(1, 503);
        InstanceStubs.INGEST_B.reset().failNext(1, 503);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(BODY).post("/api/v1/ingest").then()
                .statusCode(503).body("error", equalTo("stub-failure"));
        assertEquals(1, InstanceStubs.INGEST_A.calls() + InstanceStubs.INGEST_B.calls(),
                "a POST an instance received and answered 503 is not sent to another instance");
    }

    @Test
    @Order(3)
    void withOneInstanceLeftEveryCallGoesToIt() {
        String token = TestTokens.user("lb-survivor", "admin");
        InstanceStubs.INGEST_A.stop();
        for (int i = 0; i < 6; i++) {
            given().auth().oauth2(token).contentType(ContentType.JSON).body(BODY).post("/api/v1/ingest").then()
                    .statusCode(200);
        }
        assertEquals(6, InstanceStubs.INGEST_B.calls());
        InstanceStubs.INGEST_B.stop();
        given().auth().oauth2(token).get("/api/v1/devices").then().statusCode(503)
                .body("error", equalTo("service-unavailable"));
    }
}
