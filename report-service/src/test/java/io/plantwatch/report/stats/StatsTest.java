package io.plantwatch.report.stats;

import io.plantwatch.contracts.event.Reading;
import io.plantwatch.local.testing.JwtTestResource;
import io.plantwatch.local.testing.KafkaTestResource;
import io.plantwatch.local.testing.MongoTestResource;
import io.plantwatch.local.testing.SmtpTestResource;
import io.plantwatch.local.testing.TestTokens;
import io.plantwatch.report.device.repository.DeviceStore;
import io.plantwatch.report.reading.service.ReadingWriter;
import io.plantwatch.report.testing.Events;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import io.restassured.path.json.config.JsonPathConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** GET /stats on known data: every statistic exact, energy of power channels integrated over time. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(MongoTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(SmtpTestResource.class)
class StatsTest {

    private static final Instant BASE = Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.HOURS);
    private static final Instant END = BASE.plus(Duration.ofHours(3));

    private static boolean loaded;

    @Inject
    DeviceStore devices;
    @Inject
    ReadingWriter writer;

    /**
     * Once per class. The known data go straight into the stores through the same writer the readings consumer
     * uses (the Kafka path is ReadingHistoryTest's subject): stored before the first assertion, nothing to wait for.
     */
    @BeforeEach
    void knownData() {
        if (loaded) {
            return;
        }
        devices.write(List.of(
                Events.device("meter-1", "Line 2 main meter", "plant-s", "line-2",
                        List.of(Events.channel("power", "W"), Events.channel("voltage", "V"))),
                Events.device("meter-3", "Line 1 press", "plant-s", "line-1", List.of(Events.channel("load", "kW")))));

        double[] level = new double[100];
        for (int i = 0; i < 100; i++) {
            level[i] = i + 1; // 1..100, shuffled in time below so order cannot matter
        }
        List<Reading> readings = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            int v = (i * 37) % 100;
            readings.add(Events.reading("stats-1", BASE.plusSeconds(i), Map.of("level", level[v])));
        }
        // 3000 W for exactly one hour, a sample every 10 s: 3 kWh
        for (int i = 0; i <= 360; i++) {
            readings.add(Events.reading("meter-1", BASE.plusSeconds(10L * i), Map.of("power", 3000.0, "voltage", 230.0)));
        }
        // no registry entry: a channel named power is taken as watts; 500 W for 30 min = 0.25 kWh
        for (int i = 0; i <= 30; i++) {
            readings.add(Events.reading("meter-2", BASE.plusSeconds(60L * i), Map.of("power", 500.0)));
        }
        // 2 kW for 10 min, silent for an hour (not integrated), 2 kW for 10 min more: 2 kW x 20 min
        for (int i = 0; i <= 10; i++) {
            readings.add(Events.reading("meter-3", BASE.plusSeconds(60L * i), Map.of("load", 2.0)));
            readings.add(Events.reading("meter-3", BASE.plus(Duration.ofMinutes(70)).plusSeconds(60L * i), Map.of("load", 2.0)));
        }
        // in two batches, as the consumer would get them; the second repeats part of the first (a replay)
        writer.store(readings.subList(0, 300));
        writer.store(readings.subList(200, readings.size()));
        loaded = true;
    }

    private static JsonPath stats(Map<String, String> params) {
        return given().auth().oauth2(TestTokens.viewer()).queryParams(params).queryParam("from", BASE.toString())
                .queryParam("to", END.toString()).get("/api/v1/stats").then().statusCode(200).extract().jsonPath()
                .using(new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE));
    }

    @Test
    void everySampleCountsOnceDespiteTheReplay() {
        JsonPath json = stats(Map.of("deviceId", "stats-1,meter-1,meter-2,meter-3"));
        assertEquals(100, json.getInt("channels.find { it.deviceId == 'stats-1' }.count"));
        assertEquals(361, json.getInt("channels.find { it.channel == 'power' && it.deviceId == 'meter-1' }.count"));
        assertEquals(31, json.getInt("channels.find { it.deviceId == 'meter-2' }.count"));
        assertEquals(22, json.getInt("channels.find { it.deviceId == 'meter-3' }.count"));
        assertEquals("W", json.getString("channels.find { it.deviceId == 'meter-1' && it.channel == 'power' }.unit"));
    }

    @Test
    void statisticsAreExact() {
        JsonPath json = stats(Map.of("deviceId", "stats-1"));
        assertEquals(1, json.getList("channels").size());
        assertEquals("level", json.getString("channels[0].channel"));
        assertEquals(100, json.getInt("channels[0].count"));
        assertEquals(1.0, json.getDouble("channels[0].min"));
        assertEquals(100.0, json.getDouble("channels[0].max"));
        assertEquals(50.5, json.getDouble("channels[0].avg"), 1e-12);
        assertEquals(Math.sqrt(833.25), json.getDouble("channels[0].stddev"), 1e-9, "population σ of 1..100");
        assertEquals(95.05, json.getDouble("channels[0].p95"), 1e-9, "linear interpolation at rank 94.05");
        assertEquals("raw", json.getString("channels[0].source"));
        assertEquals(true, json.getBoolean("channels[0].exact"));
        assertNull(json.get("channels[0].energyKwh"), "not a power channel");
        assertNull(json.get("energyKwhTotal"));
    }

    @Test
    void energyIsPowerIntegratedOverTime() {
        JsonPath json = stats(Map.of("deviceId", "meter-1,meter-2,meter-3"));
        assertEquals(3.0, json.getDouble("channels.find { it.deviceId == 'meter-1' && it.channel == 'power' }.energyKwh"), 1e-9);
        assertNull(json.get("channels.find { it.deviceId == 'meter-1' && it.channel == 'voltage' }.energyKwh"));
        assertEquals(230.0, json.getDouble("channels.find { it.channel == 'voltage' }.avg"), 1e-12);
        assertEquals(0.0, json.getDouble("channels.find { it.channel == 'voltage' }.stddev"), 1e-12);
        assertEquals(0.25, json.getDouble("channels.find { it.deviceId == 'meter-2' }.energyKwh"), 1e-9);
        assertEquals(2.0 * 20 / 60, json.getDouble("channels.find { it.deviceId == 'meter-3' }.energyKwh"), 1e-9,
                "the hour of silence is not integrated");
        assertEquals(3.0 + 0.25 + 2.0 / 3, json.getDouble("energyKwhTotal"), 1e-9);
    }

    @Test
    void aSiteOrOneOfItsLinesSelectsItsDevices() {
        JsonPath line2 = stats(Map.of("site", "plant-s", "line", "line-2"));
        assertEquals(List.of("meter-1", "meter-1"), line2.getList("channels.deviceId"));
        assertEquals(3.0, line2.getDouble("energyKwhTotal"), 1e-9);
        JsonPath site = stats(Map.of("site", "plant-s"));
        assertEquals(3.0 + 2.0 / 3, site.getDouble("energyKwhTotal"), 1e-9);
    }

    @Test
    void badRequestsNameTheField() {
        given().auth().oauth2(TestTokens.viewer()).get("/api/v1/stats").then().statusCode(400)
                .body("fields[0].field", equalTo("deviceIds"));
        given().auth().oauth2(TestTokens.viewer()).queryParam("deviceId", "stats-1")
                .queryParam("from", "2020-01-01T00:00:00Z").queryParam("to", "2026-01-01T00:00:00Z")
                .get("/api/v1/stats").then().statusCode(400).body("fields[0].field", equalTo("from"));
        given().auth().oauth2(TestTokens.viewer()).queryParam("line", "line-2").get("/api/v1/stats")
                .then().statusCode(400).body("fields[0].field", equalTo("site"));
        given().get("/api/v1/stats").then().statusCode(401);
    }
}
