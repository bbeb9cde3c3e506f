package io.plantwatch.e2e;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The walking skeleton end to end: the whole stack started by the code behind ./plantwatch up, as real
 * processes on free ports, driven only through the gateway.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SpineE2ETest {

    private static final String DEVICE = "e2e-pump";
    private static String adminToken;

    @BeforeAll
    static void startStack() {
        RestAssured.baseURI = SharedStack.gatewayUrl();
    }

    private static RequestSpecification asAdmin() {
        return given().auth().oauth2(adminToken).contentType(ContentType.JSON);
    }

    private static String login(String login, String password) {
        return SharedStack.login(login, password);
    }

    @Test
    @Order(1)
    void registerAndLogIn() {
        given().contentType(ContentType.JSON)
                .body(Map.of("username", "olga", "email", "olga@plant.example", "password", "night shift 2026"))
                .post("/api/v1/auth/register").then().statusCode(201).body("roles", contains("viewer"));
        String viewer = login("olga", "night shift 2026");
        given().auth().oauth2(viewer).get("/api/v1/auth/me").then().statusCode(200).body("username", equalTo("olga"));
        given().auth().oauth2(viewer).contentType(ContentType.JSON).body(batch(List.of(1.0)))
                .post("/api/v1/ingest").then().statusCode(403);
        adminToken = SharedStack.adminToken();
        // ingest accepts only registered devices: a pump with one pressure channel and its alarm limits (no expected
        // period, so that no missing-data alarm follows the test's short burst)
        asAdmin().body("""
                {"id":"e2e-pump","name":"E2E pump","site":"e2e","line":"line-1","protocol":"http","enabled":true,
                 "channels":[{"name":"pressure","unit":"bar","validLow":0,"validHigh":100,"alarmLow":1,"alarmHigh":5}]}
                """).post("/api/v1/devices").then().statusCode(anyOf(equalTo(201), equalTo(409)));
        // the live detector configuration: the static limits alone (the statistical detectors learn from 400 samples
        // by default), so that 40 normal samples and one out-of-range sample make exactly one anomaly
        asAdmin().body("{\"detectors\":[\"threshold\"],\"channels\":{\"pressure\":{\"alarmLow\":1.0,\"alarmHigh\":5.0}}}").put("/api/v1/detection/config/" + DEVICE)
                .then().statusCode(200);
    }

    @Test
    @Order(2)
    void normalSamplesThenAnOutlierMakeExactlyOneAlarm() {
        List<Double> values = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            values.add(2.1 + 0.02 * Math.sin(i));
        }
        values.add(9.5);
        asAdmin().body(batch(values)).post("/api/v1/ingest").then().statusCode(202).body("accepted", equalTo(41));

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                asAdmin().queryParam("deviceId", DEVICE).get("/api/v1/alarms").then().statusCode(200)
                        .body("size()", equalTo(1)).body("[0].channel", equalTo("pressure"))
                        .body("[0].status", equalTo("ACTIVE_UNACK")).body("[0].count", equalTo(1)));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            asAdmin().queryParam("deviceId", DEVICE).get("/api/v1/data/latest").then().statusCode(200)
                    .body("[0].value", equalTo(9.5f));
            asAdmin().queryParam("from", Instant.now().minus(Duration.ofHours(1)).toString())
                    .get("/api/v1/devices/" + DEVICE + "/series").then().statusCode(200).body("size()", equalTo(41));
            asAdmin().queryParam("deviceId", DEVICE).get("/api/v1/anomalies").then().statusCode(200)
                    .body("size()", equalTo(1)).body("[0].value", equalTo(9.5f));
        });
    }

    @Test
    @Order(3)
    void badInputIs400AndRaisesNothing() {
        String now = Instant.now().toString();
        asAdmin().body("{\"deviceId\":\"bad-1\",\"samples\":[").post("/api/v1/ingest")
                .then().statusCode(400).body("fields.field", contains("body"));
        asAdmin().body("{\"deviceId\":\"bad-1\",\"samples\":[{\"ts\":\"" + now + "\",\"values\":{\"pressure\":NaN}}]}")
                .post("/api/v1/ingest").then().statusCode(400).body("fields.field", contains("samples[0].values.pressure"));
        asAdmin().body("{\"samples\":[{\"ts\":\"" + now + "\",\"values\":{\"pressure\":1e400}}]}")
                .post("/api/v1/ingest").then().statusCode(400)
                .body("fields.field", containsInAnyOrder("deviceId", "samples[0].values.pressure"));
        asAdmin().body("{\"deviceId\":\"bad-1\",\"samples\":[{\"ts\":\"23/11/2026 08:00\",\"values\":{\"pressure\":99}}]}")
                .post("/api/v1/ingest").then().statusCode(400).body("fields.field", contains("samples[0].ts"));
        asAdmin().body("{\"deviceId\":\"bad-1\",\"samples\":[{\"ts\":\"" + Instant.now().plus(Duration.ofHours(2))
                + "\",\"values\":{\"pressure\":99}}]}")
                .post("/api/v1/ingest").then().statusCode(400).body("fields.field", contains("samples[0].ts"));
        given().contentType(ContentType.JSON).body(batch(List.of(99.0))).post("/api/v1/ingest").then().statusCode(401);

        // give the pipeline time to (wrongly) do something, then check that nothing happened
        try {
            Thread.sleep(3000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        asAdmin().queryParam("deviceId", DEVICE).get("/api/v1/alarms").then().statusCode(200).body("size()", equalTo(1));
        asAdmin().queryParam("deviceId", "bad-1").get("/api/v1/alarms").then().statusCode(200).body("size()", equalTo(0));
        asAdmin().queryParam("deviceId", "bad-1").get("/api/v1/data/latest").then().statusCode(200).body("size()", equalTo(0));
        assertEquals(1, asAdmin().queryParam("deviceId", DEVICE).get("/api/v1/anomalies").then().extract().jsonPath()
                .getList("$").size());
    }

    private static String batch(List<Double> values) {
        Instant start = Instant.now().minus(Duration.ofSeconds(values.size() + 5)).truncatedTo(ChronoUnit.SECONDS);
        StringBuilder json = new StringBuilder("{\"deviceId\":\"" + DEVICE + "\",\"samples\":[");
        for (int i = 0; i < values.size(); i++) {
            json.append(i == 0 ? "" : ",").append("{\"ts\":\"").append(start.plusSeconds(i))
                    .append("\",\"values\":{\"pressure\":").append(values.get(i)).append("}}");
        }
        return json.append("]}").toString();
    }
}
