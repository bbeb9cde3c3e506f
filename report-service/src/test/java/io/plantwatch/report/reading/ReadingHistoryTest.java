package io.plantwatch.report.reading;

import io.plantwatch.contracts.event.Reading;
import io.plantwatch.local.testing.JwtTestResource;
import io.plantwatch.local.testing.KafkaTestResource;
import io.plantwatch.local.testing.MongoTestResource;
import io.plantwatch.local.testing.SmtpTestResource;
import io.plantwatch.local.testing.TestTokens;
import io.plantwatch.report.testing.Events;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Readings through the real plant.readings topic into the bucketed history: raw series, automatic resolution with
 * min/max envelopes, idempotence under replay, latest values, and the 4xx rules.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(MongoTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(SmtpTestResource.class)
class ReadingHistoryTest {

    private static final String DEVICE = "hist-1";
    private static final int SAMPLES = 7200;
    private static final int SPIKE_AT = 4000;
    private static final Instant BASE = Instant.now().minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS);
    private static final Instant MARKER = BASE.plus(Duration.ofHours(2)).plusSeconds(10);

    private final List<Reading> readings = new ArrayList<>();

    private static boolean loaded;

    /** Once per class, but after the application is up (RestAssured knows its port only then). */
    @BeforeEach
    void twoHoursAtOneHertzThenAReplay() {
        if (loaded) {
            return;
        }
        for (int i = 0; i < SAMPLES; i++) {
            double temp = i == SPIKE_AT ? 95.0 : 20 + Math.sin(i / 60.0);
            readings.add(Events.reading(DEVICE, BASE.plusSeconds(i), Map.of("temp", temp, "pressure", 2.0 + (i % 10) * 0.01)));
        }
        Events.readings(readings);
        awaitRawCount(SAMPLES, BASE, BASE.plus(Duration.ofHours(2)));
        // at-least-once delivery: the whole batch again, then a marker that proves the replay was consumed
        Events.readings(readings);
        Events.readings(List.of(Events.reading(DEVICE, MARKER, Map.of("temp", 21.5, "pressure", 2.5))));
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300)).ignoreExceptions().untilAsserted(() ->
                given().auth().oauth2(TestTokens.viewer()).queryParam("deviceId", DEVICE).get("/api/v1/data/latest")
                        .then().statusCode(200).body("find { it.channel == 'temp' }.value", equalTo(21.5f)));
        loaded = true;
    }

    private static void awaitRawCount(int count, Instant from, Instant to) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300)).ignoreExceptions().untilAsserted(() ->
                assertEquals(count, series(from, to, 10_000).jsonPath().getList("$").size()));
    }

    private static Response series(Instant from, Instant to, int maxPoints) {
        return given().auth().oauth2(TestTokens.viewer()).queryParam("from", from.toString()).queryParam("to", to.toString())
                .queryParam("maxPoints", maxPoints).get("/api/v1/devices/" + DEVICE + "/series")
                .then().statusCode(200).extract().response();
    }

    @Test
    void rawSeriesHasEverySampleOnceAfterTheReplay() {
        Response r = series(BASE, BASE.plus(Duration.ofHours(3)), 10_000);
        assertEquals("raw", r.header("X-Resolution"));
        JsonPath json = r.jsonPath().using(new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE));
        assertEquals(SAMPLES + 1, json.getList("$").size(), "a replayed reading is stored once");
        assertEquals(BASE.toString(), json.getString("[0].ts"));
        assertEquals(95.0, json.getDouble("[" + SPIKE_AT + "].values.temp"));
        assertEquals(2.09, json.getDouble("[9].values.pressure"), 1e-9);
        assertEquals(MARKER.toString(), json.getString("[" + SAMPLES + "].ts"));
    }

    @Test
    void minuteRollupsKeepTheSpikeInTheEnvelopeAndCountEachSampleOnce() {
        Response r = series(BASE, BASE.plus(Duration.ofHours(2)), 100);
        assertEquals("1m", r.header("X-Resolution"));
        assertEquals("120", r.header("X-Bucket-Seconds"));
        JsonPath json = r.jsonPath().using(new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE));
        List<Map<String, Object>> points = json.getList("$");
        assertEquals(60, points.size());
        long total = 0;
        for (int i = 0; i < points.size(); i++) {
            assertEquals(120, json.getInt("[" + i + "].count.temp"), "two minutes of 1 Hz samples, replay not counted");
            total += json.getLong("[" + i + "].count.temp");
        }
        assertEquals(SAMPLES, total);
        int spikeBucket = SPIKE_AT / 120;
        assertEquals(95.0, json.getDouble("[" + spikeBucket + "].max.temp"), "the spike survives in the max envelope");
        assertTrue(json.getDouble("[" + spikeBucket + "].values.temp") < 22, "the mean alone would hide it");
        assertEquals(2.0, json.getDouble("[0].min.pressure"), 1e-9);
        assertEquals(2.09, json.getDouble("[0].max.pressure"), 1e-9);
    }

    @Test
    void longRangesUseHourRollups() {
        Response r = series(BASE.minus(Duration.ofDays(1)), BASE.plus(Duration.ofDays(1)), 40);
        assertEquals("1h", r.header("X-Resolution"));
        assertEquals("7200", r.header("X-Bucket-Seconds"));
        JsonPath json = r.jsonPath().using(new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE));
        List<Map<String, Object>> points = json.getList("$");
        assertTrue(points.size() <= 40);
        long total = 0;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < points.size(); i++) {
            total += json.getLong("[" + i + "].count.temp");
            max = Math.max(max, json.getDouble("[" + i + "].max.temp"));
        }
        assertEquals(SAMPLES + 1, total);
        assertEquals(95.0, max);
    }

    @Test
    void latestAndOneSensor() {
        given().auth().oauth2(TestTokens.operator()).queryParam("deviceId", DEVICE).get("/api/v1/data/latest")
                .then().statusCode(200).body("channel", contains("pressure", "temp"))
                .body("[0].value", equalTo(2.5f)).body("[1].ts", equalTo(MARKER.toString()));
        given().auth().oauth2(TestTokens.viewer()).queryParam("from", BASE.toString())
                .queryParam("to", BASE.plusSeconds(5).toString()).get("/api/v1/sensors/" + DEVICE + "/temp")
                .then().statusCode(200).body("size()", equalTo(5)).body("[0].values.keySet()", contains("temp"));
    }

    @Test
    void badQueriesAre400NamingTheParameter() {
        given().auth().oauth2(TestTokens.viewer()).queryParam("from", "yesterday").get("/api/v1/devices/" + DEVICE + "/series")
                .then().statusCode(400).body("fields[0].field", equalTo("from"));
        given().auth().oauth2(TestTokens.viewer()).queryParam("maxPoints", 0).get("/api/v1/devices/" + DEVICE + "/series")
                .then().statusCode(400).body("fields[0].field", equalTo("maxPoints"));
        given().auth().oauth2(TestTokens.viewer()).queryParam("maxPoints", "many").get("/api/v1/devices/" + DEVICE + "/series")
                .then().statusCode(400);
        given().auth().oauth2(TestTokens.viewer()).queryParam("from", BASE.toString()).queryParam("to", BASE.minusSeconds(1).toString())
                .get("/api/v1/devices/" + DEVICE + "/series").then().statusCode(400).body("fields[0].field", equalTo("from"));
        given().auth().oauth2(TestTokens.viewer()).queryParam("site", "nowhere").get("/api/v1/data/latest")
                .then().statusCode(400).body("fields[0].field", equalTo("site"));
    }

    @Test
    void onlySignedInPeopleMayRead() {
        given().get("/api/v1/devices/" + DEVICE + "/series").then().statusCode(401);
        given().auth().oauth2(TestTokens.expired("olga", "viewer")).get("/api/v1/data/latest").then().statusCode(401);
        given().auth().oauth2(TestTokens.device(DEVICE)).get("/api/v1/data/latest").then().statusCode(403);
    }
}
