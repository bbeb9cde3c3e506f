package io.plantwatch.detection.model;

import io.plantwatch.contracts.Channels;
import io.plantwatch.contracts.Topics;
import io.plantwatch.contracts.event.AnomalyEvent;
import io.plantwatch.contracts.event.ModelSelection;
import io.plantwatch.contracts.json.EventJson;
import io.plantwatch.detection.backtest.Sample;
import io.plantwatch.detection.model.service.ModelSelections;
import io.plantwatch.detection.model.service.PresetModels;
import io.plantwatch.detection.pipeline.kafka.ReadingsRebalanceListener;
import io.plantwatch.detection.pipeline.service.DetectionEngine;
import io.plantwatch.detection.support.Api;
import io.plantwatch.detection.support.LiveStream;
import io.plantwatch.detection.support.ReportStubResource;
import io.plantwatch.local.testing.JwtTestResource;
import io.plantwatch.local.testing.KafkaTestResource;
import io.plantwatch.local.testing.MongoTestResource;
import io.plantwatch.local.testing.TestTokens;
import io.plantwatch.local.testing.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The model registry end to end over real HTTP, Kafka and the MongoDB wire server: train on an upload or on stored
 * history, progress, select (live switch seen on plant.anomalies and announced on plant.model-selections), restart,
 * corrupt uploads, roles and ownership.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(MongoTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(ReportStubResource.class)
class ModelRegistryTest {

    static final List<String> PUMP = List.of("pressure", "flow", "current", "vibration", "temperature");

    @Inject
    DetectionEngine engine;
    @Inject
    ModelSelections selections;
    @Inject
    @Identifier(Channels.READINGS_IN)
    ReadingsRebalanceListener rebalance;

    @Test
    void trainSelectAndLiveDetectionSwitchesThenSurvivesARestart() {
        String modelId = trainOnUpload("pump-train", csv(PresetModels.pump(1500, 3), Instant.parse(
                "2026-03-01T00:00:00Z")), "SITE");
        JsonPath ready = awaitStatus(modelId, "READY");
        assertEquals(100, ready.getInt("progress"));
        assertEquals(1500, ready.getInt("metrics.samples"));
        assertEquals(300, ready.getInt("metrics.heldBackSamples"));
        assertTrue(ready.getDouble("metrics.threshold") > 0);
        assertTrue(ready.getDouble("metrics.falseAlarmRate") < 0.05, "normal held-back data: few false alarms, got "
                + ready.getDouble("metrics.falseAlarmRate"));
        assertEquals("upload", ready.getString("provenance.dataSource"));
        assertEquals("pump.csv", ready.getString("provenance.fileName"));
        assertTrue(ready.getString("provenance.libraryVersions").contains("tribuo 4.3"));

        String device = LiveStream.device("pump-live");
        Instant t0 = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        double[][] normal = PresetModels.pump(600, 21);
        try (TopicProbe anomalies = LiveStream.anomalies();
                TopicProbe announced = TopicProbe.atEnd(KafkaTestResource.bootstrapServers(), Topics.MODEL_SELECTIONS)) {
            // the device runs its own detectors, still in their warm-up: nothing multivariate can fire yet
            LiveStream.send(device, samples(t0, normal, 0, 50, 0));
            awaitSamples(device, 50);
            assertNull(held(device).model());

            Api.asOperator().body("{\"deviceId\":\"" + device + "\"}").post("/api/v1/models/" + modelId + "/select")
                    .then().statusCode(200).body("selectedOn", hasItem(device));
            ModelSelection event = EventJson.fromBytes(announced.await(1, r -> device.equals(r.key()),
                    Duration.ofSeconds(30)).get(0).value(), ModelSelection.class);
            assertEquals(modelId, event.modelId());
            assertTrue(event.selected());
            await().atMost(Duration.ofSeconds(30)).until(() -> (modelId + ":v1").equals(held(device).model()));

            // with the model, the device is judged after a short alignment (50 samples), not a 400-sample warm-up:
            // pressure collapses at full flow
            LiveStream.send(device, samples(t0, normal, 50, 100, 0));
            LiveStream.send(device, samples(t0, normal, 100, 140, -0.9));
            AnomalyEvent hit = LiveStream.await(anomalies, device, 1, e -> e.detector().equals("mewma"),
                    Duration.ofSeconds(60)).get(0);
            assertEquals("model:" + modelId + ":v1", hit.modelId());
            assertTrue(!hit.ts().isBefore(t0.plusSeconds(100)), "fires on the fault, not before: " + hit.ts());

            // restart: bindings forgotten and read again from MongoDB, device state snapshotted, dropped, restored
            selections.reload();
            TopicPartition partition = new TopicPartition(Topics.READINGS, held(device).partition());
            rebalance.onPartitionsRevoked(null, List.of(partition));
            rebalance.onPartitionsAssigned(null, List.of(partition));
            await().atMost(Duration.ofSeconds(60)).until(() -> engine.status().deviceStates().stream()
                    .anyMatch(s -> s.deviceId().equals(device) && (modelId + ":v1").equals(s.model())));
            LiveStream.send(device, samples(t0, normal, 140, 200, 0));
            LiveStream.send(device, samples(t0, normal, 200, 240, -0.9));
            AnomalyEvent again = LiveStream.await(anomalies, device, 1, e -> e.detector().equals("mewma")
                    && !e.ts().isBefore(t0.plusSeconds(200)), Duration.ofSeconds(60)).get(0);
            assertEquals("model:" + modelId + ":v1", again.modelId());

            // deselect: the device goes back to its own detectors (learning again)
            Api.asOperator().body("{\"deviceId\":\"" + device + "\"}").post("/api/v1/models/" + modelId + "/deselect")
                    .then().statusCode(200);
            await().atMost(Duration.ofSeconds(30)).until(() -> held(device).model() == null);
        }
    }

    @Test
    void progressIsReportedWhileTrainingOnStoredHistory() {
        String device = LiveStream.device("pump-history");
        double[][] rows = PresetModels.pump(1000, 5);
        StringBuilder json = new StringBuilder("{\"points\":[");
        Instant t0 = Instant.parse("2026-04-01T00:00:00Z");
        for (int i = 0; i < rows.length; i++) {
            json.append(i == 0 ? "" : ",").append("{\"ts\":\"").append(t0.plusSeconds(i)).append("\",\"values\":{");
            for (int c = 0; c < PUMP.size(); c++) {
                json.append(c == 0 ? "" : ",").append('"').append(PUMP.get(c)).append("\":").append(rows[i][c]);
            }
            json.append("}}");
        }
        ReportStubResource.series(device, json.append("]}").toString());
        CountDownLatch gate = ReportStubResource.gate(device);
        String id = Api.asOperator().body(Map.of("deviceId", device, "channels", PUMP, "algorithm", "pca",
                        "hyperparameters", Map.of("variance", 0.95), "from", t0.toString(),
                        "to", t0.plusSeconds(1000).toString()))
                .post("/api/v1/models/train").then().statusCode(202).body("status", equalTo("QUEUED"))
                .extract().path("id");
        // the history is being fetched (held back by the stub): the model reports where it is
        JsonPath during = awaitStatus(id, "TRAINING");
        assertEquals(5, during.getInt("progress"));
        gate.countDown();
        JsonPath ready = awaitStatus(id, "READY");
        assertEquals(100, ready.getInt("progress"));
        assertEquals("history", ready.getString("provenance.dataSource"));
        assertEquals(0.95, ready.getDouble("parameters.variance"), 1e-9);
        assertEquals(1000, ready.getInt("metrics.samples"));
        String seen = ReportStubResource.authorizationSeen(device);
        assertNotNull(seen);
        assertTrue(seen.startsWith("Bearer ey"), "history is read with the caller's own token: " + seen);
    }

    @Test
    void corruptOrWrongUploadsGetA400NamingTheField() {
        String bad = csv(PresetModels.pump(200, 1), Instant.parse("2026-05-01T00:00:00Z"))
                .replaceFirst("\n([^,\n]+),[^,\n]+,", "\n$1,not-a-number,");
        upload(bad, "{\"deviceId\":\"p\",\"algorithm\":\"mewma\"}").then().statusCode(400)
                .body("fields[0].field", equalTo("file[line 2].pressure"));
        String good = csv(PresetModels.pump(200, 1), Instant.parse("2026-05-01T00:00:00Z"));
        upload(good, "{\"deviceId\":\"p\",\"algorithm\":\"mewma\",\"channels\":[\"pressure\",\"torque\"]}").then()
                .statusCode(400).body("fields[0].field", equalTo("channels[1]"));
        upload(good, "{\"deviceId\":\"p\",\"algorithm\":\"mewma\",\"hyperparameters\":{\"lambdaa\":0.2}}").then()
                .statusCode(400).body("fields[0].field", equalTo("hyperparameters.lambdaa"));
        upload(good, "{\"deviceId\":\"p\",\"algorithm\":\"forest\"}").then().statusCode(400)
                .body("fields[0].field", equalTo("algorithm"));
        upload(good, "{not json").then().statusCode(400).body("fields[0].field", equalTo("spec"));
        upload("timestamp,pressure,flow\n", "{\"deviceId\":\"p\",\"algorithm\":\"mewma\"}").then().statusCode(400)
                .body("fields[0].field", equalTo("file"));
        Api.asOperator().body("{\"deviceId\":\"p\",\"algorithm\":\"mewma\",\"channels\":[\"a\",\"b\"]}")
                .post("/api/v1/models/train").then().statusCode(400).body("fields.field", hasItems("from", "to"));
    }

    @Test
    void rolesOwnershipVisibilityAndPresets() {
        String csv = csv(PresetModels.pump(400, 9), Instant.parse("2026-06-01T00:00:00Z"));
        given().auth().oauth2(TestTokens.viewer()).multiPart("file", "pump.csv", csv.getBytes(StandardCharsets.UTF_8),
                "text/csv").multiPart("spec", "{\"deviceId\":\"p\",\"algorithm\":\"mewma\"}")
                .post("/api/v1/models/train").then().statusCode(403);
        String mine = trainOnUpload("owned", csv, "PRIVATE");
        awaitStatus(mine, "READY");
        String other = TestTokens.user("operator2", "operator");
        given().auth().oauth2(other).get("/api/v1/models/" + mine).then().statusCode(404);
        Api.asViewer().get("/api/v1/models?scope=presets").then().statusCode(200)
                .body("id", hasItems(PresetModels.PUMP, PresetModels.VOLTAGE))
                .body("status", everyItemIs("READY"));
        Api.asOperator().get("/api/v1/models?scope=own").then().statusCode(200).body("id", hasItem(mine));
        Api.asViewer().post("/api/v1/models/" + PresetModels.PUMP + "/select").then().statusCode(403);

        Api.asOperator().body("{\"deviceId\":\"roles-dev\"}").post("/api/v1/models/" + mine + "/select").then()
                .statusCode(200);
        Api.asOperator().delete("/api/v1/models/" + mine).then().statusCode(409);
        Api.asOperator().body("{\"deviceId\":\"roles-dev\"}").post("/api/v1/models/" + mine + "/deselect").then()
                .statusCode(200);
        given().auth().oauth2(other).delete("/api/v1/models/" + PresetModels.PUMP).then().statusCode(403);
        Api.asViewer().delete("/api/v1/models/" + mine).then().statusCode(403);

        // retraining makes a new version of the same family
        String v2 = Api.asOperator().multiPart("file", "pump2.csv", csv.getBytes(StandardCharsets.UTF_8), "text/csv")
                .contentType("multipart/form-data").multiPart("spec", "{\"retrainOf\":\"" + mine + "\"}")
                .post("/api/v1/models/train").then().statusCode(202).body("version", equalTo(2))
                .body("family", equalTo(mine)).extract().path("id");
        awaitStatus(v2, "READY");
        Api.asAdmin().delete("/api/v1/models/" + mine).then().statusCode(204);
        Api.asOperator().get("/api/v1/models/" + mine).then().statusCode(404);
        Api.asOperator().delete("/api/v1/models/" + v2).then().statusCode(204);
    }

    private static org.hamcrest.Matcher<Iterable<? extends String>> everyItemIs(String s) {
        return org.hamcrest.Matchers.everyItem(equalTo(s));
    }

    // ------------------------------------------------------------------ helpers

    static String csv(double[][] rows, Instant t0) {
        StringBuilder sb = new StringBuilder("timestamp," + String.join(",", PUMP) + "\n");
        for (int i = 0; i < rows.length; i++) {
            sb.append(t0.plusSeconds(i));
            for (double v : rows[i]) {
                sb.append(',').append(v);
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    static io.restassured.response.Response upload(String csv, String spec) {
        return given().auth().oauth2(TestTokens.operator())
                .multiPart("file", "pump.csv", csv.getBytes(StandardCharsets.UTF_8), "text/csv")
                .multiPart("spec", spec).post("/api/v1/models/train");
    }

    static String trainOnUpload(String name, String csv, String visibility) {
        return upload(csv, "{\"name\":\"" + name + "\",\"deviceId\":\"pump-x\",\"algorithm\":\"mewma\",\"visibility\":\""
                + visibility + "\"}").then().statusCode(202).body("status", equalTo("QUEUED"))
                .extract().path("id");
    }

    static JsonPath awaitStatus(String id, String status) {
        JsonPath[] last = new JsonPath[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
            last[0] = Api.asOperator().get("/api/v1/models/" + id).then().statusCode(200).extract().jsonPath();
            assertTrue(!"FAILED".equals(last[0].getString("status")) || "FAILED".equals(status),
                    "training failed: " + last[0].getString("failureReason"));
            return status.equals(last[0].getString("status"));
        });
        return last[0];
    }

    /** Rows [from, to) of a pump series as 1 s samples from t0, with {@code pressureShift} added to pressure. */
    static List<Sample> samples(Instant t0, double[][] rows, int from, int to, double pressureShift) {
        List<Sample> out = new ArrayList<>();
        IntStream.range(from, to).forEach(i -> {
            Map<String, Double> v = new LinkedHashMap<>();
            for (int c = 0; c < PUMP.size(); c++) {
                v.put(PUMP.get(c), rows[i][c] + (c == 0 ? pressureShift : 0));
            }
            Instant ts = t0.plusSeconds(i);
            out.add(new Sample(ts.toString(), ts, v));
        });
        return out;
    }

    private DetectionEngine.DeviceStatus held(String device) {
        return engine.status().deviceStates().stream().filter(s -> s.deviceId().equals(device)).findFirst()
                .orElseThrow(() -> new AssertionError(device + " is not held"));
    }

    private void awaitSamples(String device, long n) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() ->
                engine.status().deviceStates().stream().anyMatch(s -> s.deviceId().equals(device) && s.samples() == n));
    }
}
