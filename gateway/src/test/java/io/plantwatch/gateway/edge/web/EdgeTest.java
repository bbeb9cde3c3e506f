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
    void aBurstFromOneUserGets429WithRetryAfterOthersGoOn() throws Exception {
        String burster = TestTokens.user("burst-" + System.nanoTime(), "viewer");
        List<HttpResponse<String>> answers = burst(200, HttpRequest.newBuilder(base.resolve("/api/v1/alarms"))
                .header("Authorization", "Bearer " + burster).GET().build());
        List<Integer> statuses = answers.stream().map(HttpResponse::statusCode).toList();
        HttpResponse<String> limited = answers.stream().filter(r -> r.statusCode() == 429).findFirst().orElse(null);
        assertTrue(limited != null, "200 requests at once from one user must hit the limit (40 burst, 10/s): " + statuses);
        assertTrue(statuses.stream().filter(s -> s == 200).count() >= 40, "the burst allowance passes: " + statuses);
        assertTrue(statuses.stream().allMatch(s -> s == 200 || s == 429), "only passed or limited: " + statuses);
        assertTrue(Integer.parseInt(limited.headers().firstValue("Retry-After").orElseThrow()) >= 1);
        assertTrue(limited.body().contains("\"error\":\"too-many-requests\""), limited.body());
        // another user, and a device, are not affected by that user's burst
        given().auth().oauth2(TestTokens.user("calm-" + System.nanoTime(), "viewer")).get("/api/v1/alarms")
                .then().statusCode(200);
        given().auth().oauth2(TestTokens.device("pump-9")).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/ingest").then().statusCode(200);
    }

    @Test
    void devicesAreLimitedPerDevice() throws Exception {
        String device = TestTokens.device("chatty-" + System.nanoTime());
        List<Integer> statuses = burst(300, HttpRequest.newBuilder(base.resolve("/api/v1/ingest"))
                .header("Authorization", "Bearer " + device).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build()).stream().map(HttpResponse::statusCode).toList();
        assertTrue(statuses.contains(429), "a device pushing 300 requests at once hits its limit (100 burst, 20/s): "
                + statuses);
        assertTrue(statuses.stream().filter(s -> s == 200).count() >= 100, "the burst allowance passes: " + statuses);
    }

    /** Sends {@code count} copies of a request at once (concurrently), so that the machine's load cannot spread them out. */
    private static List<HttpResponse<String>> burst(int count, HttpRequest request) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> pending = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            pending.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
        }
        List<HttpResponse<String>> answers = new ArrayList<>();
        for (var answer : pending) {
            answers.add(answer.get(60, java.util.concurrent.TimeUnit.SECONDS));
        }
        return answers;
    }
}
