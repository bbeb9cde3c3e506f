package io.plantwatch.detection.session;

import io.plantwatch.contracts.Topics;
import io.plantwatch.contracts.event.AnomalyEvent;
import io.plantwatch.contracts.event.DetectionSessionEvent;
import io.plantwatch.contracts.json.EventJson;
import io.plantwatch.detection.backtest.Sample;
import io.plantwatch.detection.model.service.PresetModels;
import io.plantwatch.detection.support.Api;
import io.plantwatch.detection.support.LiveStream;
import io.plantwatch.detection.support.ReportStubResource;
import io.plantwatch.local.testing.JwtTestResource;
import io.plantwatch.local.testing.KafkaTestResource;
import io.plantwatch.local.testing.MongoTestResource;
import io.plantwatch.local.testing.TopicProbe;
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

/**
 * Detection sessions over the API: start on a model, counts and the sampled log while readings flow, stop; a stop
 * halts detection (also when another instance made it, through plant.detection-sessions) and a start resumes it.
 */
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

    /**
     * Pump readings 1 s apart from {@code t0}: normal until {@code faultFrom}, then the flow is lost in the second half
     * of every 100 s (the model would get used to a loss that lasts, so each phase of the test gets a fresh one).
     */
    static List<Sample> pump(Instant t0, int from, int to, int faultFrom) {
        double[][] rows = PresetModels.pump(to, 9);
        List<Sample> samples = new ArrayList<>();
        for (int i = from; i < to; i++) {
            Map<String, Double> v = new LinkedHashMap<>();
            for (int c = 0; c < PUMP.size(); c++) {
                v.put(PUMP.get(c), rows[i][c] + (i >= faultFrom && i % 100 >= 50 && c == 1 ? -12 : 0));
            }
            samples.add(new Sample(String.valueOf(i), t0.plusSeconds(i), v));
        }
        return samples;
    }

    @Test
    void stopHaltsDetectionOfTheDeviceAndStartResumesIt() {
        String device = LiveStream.device("stopstart");
        Instant t0 = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.SECONDS);
        try (TopicProbe anomalies = LiveStream.anomalies();
                TopicProbe announced = TopicProbe.atEnd(KafkaTestResource.bootstrapServers(),
                        Topics.DETECTION_SESSIONS)) {
            Api.asOperator().body(Map.of("deviceId", device, "modelId", PresetModels.PUMP))
                    .post("/api/v1/detection/start").then().statusCode(200);
            LiveStream.send(device, pump(t0, 0, 200, 150));
            LiveStream.await(anomalies, device, 5, a -> a.readingId() != null, Duration.ofSeconds(60));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertEquals(200, status(device).getLong("sessions[0].readingsEvaluated")));

            Api.asOperator().body(Map.of("deviceId", device)).post("/api/v1/detection/stop").then().statusCode(200)
                    .body("active", equalTo(false));
            DetectionSessionEvent stop = EventJson.fromBytes(announced.await(1, r -> device.equals(r.key())
                    && !EventJson.fromBytes(r.value(), DetectionSessionEvent.class).active(), Duration.ofSeconds(20))
                    .get(0).value(), DetectionSessionEvent.class);
            // the probe keeps all it saw: count what the evaluations before the stop raised
            int beforeStop = LiveStream.drain(anomalies, device, Duration.ofSeconds(2)).size();
            long evaluatedAtStop = status(device).getLong("sessions[0].readingsEvaluated");

            // readings keep flowing, the fault goes on: nothing is evaluated, nothing is raised
            LiveStream.send(device, pump(t0, 200, 300, 150));
            awaitEngineSkipped(device, t0.plusSeconds(299));
            List<AnomalyEvent> all = LiveStream.drain(anomalies, device, Duration.ofSeconds(3));
            assertEquals(List.of(), all.subList(beforeStop, all.size()));
            assertEquals(evaluatedAtStop, status(device).getLong("sessions[0].readingsEvaluated"));

            Api.asOperator().body(Map.of("deviceId", device)).post("/api/v1/detection/start").then().statusCode(200)
                    .body("active", equalTo(true));
            LiveStream.send(device, pump(t0, 300, 400, 150));
            List<AnomalyEvent> resumed = LiveStream.await(anomalies, device, 5,
                    a -> !a.ts().isBefore(t0.plusSeconds(200)), Duration.ofSeconds(60));
            assertTrue(resumed.size() >= 5, "the fault is found again after the start");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals(100,
                    status(device).getLong("sessions[0].readingsEvaluated"), "the new session judged 300..399"));
            assertTrue(resumed.stream().allMatch(a -> !a.ts().isBefore(t0.plusSeconds(300))),
                    "only readings after the start are judged: " + resumed.stream().map(AnomalyEvent::ts).toList());

            // a stop made on another instance arrives as its event and halts this instance too
            TopicProbe.send(KafkaTestResource.bootstrapServers(), Topics.DETECTION_SESSIONS, device,
                    EventJson.toBytes(new DetectionSessionEvent(DetectionSessionEvent.SCHEMA_VERSION, device,
                            stop.sessionId(), false, null, "operator-elsewhere", stop.revision() + 10, Instant.now())));
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertTrue(engineState(device).getBoolean("stopped")));
            int beforeRemoteStop = LiveStream.drain(anomalies, device, Duration.ofSeconds(2)).size();
            LiveStream.send(device, pump(t0, 400, 450, 150));
            awaitEngineSkipped(device, t0.plusSeconds(449));
            all = LiveStream.drain(anomalies, device, Duration.ofSeconds(3));
            assertEquals(List.of(), all.subList(beforeRemoteStop, all.size()));
        }
    }

    /** Waits until this instance's engine has seen (and not judged) the reading at {@code ts} of the device. */
    private static void awaitEngineSkipped(String device, Instant ts) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonPath d = engineState(device);
            assertTrue(d.getBoolean("stopped"));
            assertEquals(ts.toString(), d.getString("lastStoppedTs"));
        });
    }

    private static JsonPath engineState(String device) {
        Map<String, Object> d = status(device).getMap("engine.deviceStates.find { it.deviceId == '" + device + "' }");
        assertTrue(d != null, device + " is held by this instance's engine");
        return new JsonPath(EventJson.toJson(d));
    }

    private static JsonPath status(String device) {
        return Api.asViewer().queryParam("deviceId", device).get("/api/v1/detection/status").then().statusCode(200)
                .extract().jsonPath();
    }
}
