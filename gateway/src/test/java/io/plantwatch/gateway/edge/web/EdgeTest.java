package io.plantwatch.gateway.edge.web;

import io.plantwatch.gateway.testing.UpstreamStubs;
import io.plantwatch.local.testing.JwtTestResource;
import io.plantwatch.local.testing.KafkaTestResource;
import io.plantwatch.local.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CORS, body limits and rate limits at the edge. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(UpstreamStubs.class)
class EdgeTest {

    @TestHTTPResource("/")
    URI base;

    @BeforeEach
    void normalServices() {
        UpstreamStubs.resetAll();
    }

    @Test
    void corsPreflightAllowsTheConfiguredOriginOnly() {
        given().header("Origin", "http://localhost:5173").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .options("/api/v1/alarms/a-1/ack").then().statusCode(200)
                .header("Access-Control-Allow-Origin", "http://localhost:5173")
                .header("Access-Control-Allow-Methods", containsString("POST"))
                .header("Access-Control-Allow-Headers", containsString("Authorization"));
        Response foreign = given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST")
                .options("/api/v1/alarms/a-1/ack");
        assertTrue(foreign.getHeader("Access-Control-Allow-Origin") == null
                        || !foreign.getHeader("Access-Control-Allow-Origin").contains("evil"),
                "a foreign origin is not allowed");
        // the actual call from the allowed origin carries the CORS header and exposes the request id
        given().header("Origin", "http://localhost:5173").auth().oauth2(TestTokens.viewer()).get("/api/v1/alarms")
                .then().statusCode(200).header("Access-Control-Allow-Origin", "http://localhost:5173")
                .header("Access-Control-Expose-Headers", containsString("X-Request-Id"));
    }

    @Test
    void aBodyOverTheLimitIs413InJson() throws Exception {
        byte[] big = new byte[1024 * 1024 + 1]; // limit in tests: 1 MiB
        java.util.Arrays.fill(big, (byte) 'x');
        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON).body(big).post("/api/v1/ingest")
                .then().statusCode(413).contentType(ContentType.JSON).body("error", equalTo("payload-too-large"));
        // the same without a Content-Length (chunked): cut off while streaming
        HttpResponse<String> chunked = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve("/api/v1/ingest"))
                .header("Authorization", "Bearer " + TestTokens.operator()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(413, chunked.statusCode(), chunked.body());
        assertTrue(chunked.body().contains("payload-too-large"), chunked.body());
        // just under the limit passes
        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                .body(java.util.Arrays.copyOf(big, 1024 * 1024)).post("/api/v1/ingest").then().statusCode(200)
                .body("bodyLength", equalTo(1024 * 1024));
    }

    @Test
    void aBurstFromOneUserGets429WithRetryAfterOthersGoOn() {
        String burster = TestTokens.user("burst-" + System.nanoTime(), "viewer");
        List<Integer> statuses = new ArrayList<>();
        Response limited = null;
        for (int i = 0; i < 200 && limited == null; i++) {
            Response r = given().auth().oauth2(burster).get("/api/v1/alarms");
            statuses.add(r.statusCode());
            if (r.statusCode() == 429) {
                limited = r;
            }
        }
        assertTrue(limited != null, "200 requests at once from one user must hit the limit (40 burst, 10/s)");
        assertTrue(statuses.subList(0, 40).stream().allMatch(s -> s == 200), "the burst allowance passes: " + statuses);
        assertTrue(Integer.parseInt(limited.getHeader("Retry-After")) >= 1);
        assertEquals("too-many-requests", limited.jsonPath().getString("error"));
        // another user, and a device, are not affected by that user's burst
        given().auth().oauth2(TestTokens.user("calm-" + System.nanoTime(), "viewer")).get("/api/v1/alarms")
                .then().statusCode(200);
        given().auth().oauth2(TestTokens.device("pump-9")).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/ingest").then().statusCode(200);
    }

    @Test
    void devicesAreLimitedPerDevice() {
        String device = TestTokens.device("chatty-" + System.nanoTime());
        int limited = 0;
        for (int i = 0; i < 300 && limited == 0; i++) {
            int status = given().auth().oauth2(device).contentType(ContentType.JSON).body("{}").post("/api/v1/ingest")
                    .statusCode();
            if (status == 429) {
                limited++;
            }
        }
        assertTrue(limited > 0, "a device pushing 300 requests at once hits its limit (100 burst, 20/s)");
    }
}
