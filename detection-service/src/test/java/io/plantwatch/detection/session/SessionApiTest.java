package io.plantwatch.detection.session;

import io.plantwatch.detection.backtest.Sample;
import io.plantwatch.detection.model.service.PresetModels;
import io.plantwatch.detection.support.Api;
import io.plantwatch.detection.support.LiveStream;
import io.plantwatch.detection.support.ReportStubResource;
import io.plantwatch.local.testing.JwtTestResource;
import io.plantwatch.local.testing.KafkaTestResource;
import io.plantwatch.local.testing.MongoTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Detection sessions over the API: start on a model, counts and the sampled log while readings flow, stop. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(MongoTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(ReportStubResource.class)
class SessionApiTest {

    static final List<String> PUMP = List.of("pressure", "flow", "current", "vibration", "temperature");

    @Test
    void aSessionCountsLogsAndStops() {
        String device = LiveStream.device("session");
        Api.asViewer().body(Map.of("deviceId", device)).post("/api/v1/detection/start").then().statusCode(403);
        Api.asOperator().body(Map.of()).post("/api/v1/detection/start").then().statusCode(400)
                .body("fields[0].field", equalTo("deviceId"));
        Api.asOperator().body(Map.of("deviceId", device, "modelId", PresetModels.PUMP))
                .post("/api/v1/detection/start").then().statusCode(200).body("active", equalTo(true))
                .body("model", equalTo(PresetModels.PUMP));

        Instant t0 = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.SECONDS);
        double[][] rows = PresetModels.pump(200, 8);
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Map<String, Double> v = new LinkedHashMap<>();
            for (int c = 0; c < PUMP.size(); c++) {
                v.put(PUMP.get(c), rows[i][c] + (i >= 150 && c == 1 ? -12 : 0)); // flow lost from 150 s
            }
            samples.add(new Sample(String.valueOf(i), t0.plusSeconds(i), v));
        }
        LiveStream.send(device, samples);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonPath s = Api.asViewer().queryParam("deviceId", device).get("/api/v1/detection/status").then()
                    .statusCode(200).extract().jsonPath();
            assertEquals(200, s.getInt("sessions[0].readingsEvaluated"));
            assertTrue(s.getInt("sessions[0].anomaliesFound") > 0, "the flow loss is found");
            assertEquals(t0.plusSeconds(199).toString(), s.getString("sessions[0].lastTs"));
        });
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<Integer> withAnomalies = Api.asViewer().queryParam("deviceId", device).queryParam("size", 1000)
                    .get("/api/v1/detection/logs").then().statusCode(200).extract().path("anomalies");
            // sampled: 1 in 10 normal evaluations plus every one with anomalies, never all 200
            assertTrue(withAnomalies.size() >= 20 && withAnomalies.size() < 200, withAnomalies.size() + " entries");
        });
        Api.asViewer().queryParam("deviceId", device).queryParam("alarm", true).queryParam("size", 5)
                .get("/api/v1/detection/logs").then().statusCode(200).body("alarm", everyItem(equalTo(true)))
                .body("model", hasItem(PresetModels.PUMP + ":v1"));
        Api.asViewer().queryParam("size", 0).get("/api/v1/detection/logs").then().statusCode(400)
                .body("fields[0].field", equalTo("size"));

        Api.asOperator().body(Map.of("deviceId", device)).post("/api/v1/detection/stop").then().statusCode(200)
                .body("active", equalTo(false)).body("readingsEvaluated", equalTo(200));
        Api.asOperator().body(Map.of("deviceId", device)).post("/api/v1/detection/stop").then().statusCode(409);
    }
}
