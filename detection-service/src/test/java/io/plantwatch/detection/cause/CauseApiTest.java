package io.plantwatch.detection.cause;

import io.plantwatch.contracts.event.AnomalyEvent;
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
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Operators label windows of a pump's stored history (report-service's series contract over real HTTP); the trained
 * classifier then names the cause, with the maintenance hint, on a live anomaly of another pump seen on
 * plant.anomalies.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(MongoTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(ReportStubResource.class)
class CauseApiTest {

    static final List<String> PUMP = List.of("pressure", "flow", "current", "vibration", "temperature");

    @Test
    void labelledWindowsTrainAClassifierThatNamesTheCauseOfALiveAnomaly() {
        String historian = LiveStream.device("pump-labelled");
        Instant t0 = Instant.parse("2026-07-01T00:00:00Z");
        // 6 episodes of 200 s: 150 s normal, then 50 s of a fault, alternating valve closed / bearing wear
        List<String> causes = List.of("valve closed", "bearing wear");
        StringBuilder json = new StringBuilder("{\"points\":[");
        for (int ep = 0; ep < 6; ep++) {
            double[][] rows = PresetModels.pump(200, 40 + ep);
            for (int i = 0; i < 200; i++) {
                double[] x = i < 150 ? rows[i] : faulty(rows[i], causes.get(ep % 2));
                Instant ts = t0.plusSeconds(ep * 200L + i);
                json.append(ep + i == 0 ? "" : ",").append("{\"ts\":\"").append(ts).append("\",\"values\":{");
                for (int c = 0; c < PUMP.size(); c++) {
                    json.append(c == 0 ? "" : ",").append('"').append(PUMP.get(c)).append("\":").append(x[c]);
                }
                json.append("}}");
            }
        }
        ReportStubResource.series(historian, json.append("]}").toString());

        Api.asViewer().body(Map.of("deviceId", historian, "from", t0.toString(), "to", t0.plusSeconds(10).toString(),
                "cause", "x")).post("/api/v1/causes/labels").then().statusCode(403);
        Api.asOperator().body(Map.of("deviceId", historian, "from", t0.toString())).post("/api/v1/causes/labels")
                .then().statusCode(400).body("fields.field", hasItem("cause"));
        for (int ep = 0; ep < 6; ep++) {
            Instant from = t0.plusSeconds(ep * 200L + 150);
            Api.asOperator().body(Map.of("deviceId", historian, "from", from.toString(),
                            "to", from.plusSeconds(30).toString(), "cause", causes.get(ep % 2),
                            "alarmId", "alarm-" + ep)).post("/api/v1/causes/labels").then().statusCode(201)
                    .body("classifier.trained", equalTo(ep >= 1));
        }
        Api.asViewer().get("/api/v1/causes/hints").then().statusCode(200)
                .body("'valve closed'", org.hamcrest.Matchers.containsString("valve"));
        Api.asOperator().body(Map.of("valve closed", "Open the discharge valve V-12.", "bearing wear",
                "Inspect the drive-end bearing.")).put("/api/v1/causes/hints").then().statusCode(200);

        // another pump of the same type runs the preset pump model, then its discharge valve closes
        String device = LiveStream.device("pump-live-cause");
        Api.asOperator().body(Map.of("deviceId", device)).post("/api/v1/models/" + PresetModels.PUMP + "/select")
                .then().statusCode(200);
        Instant s0 = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
        double[][] rows = PresetModels.pump(260, 77);
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < 260; i++) {
            double[] x = i < 200 ? rows[i] : faulty(rows[i], "valve closed");
            Map<String, Double> v = new LinkedHashMap<>();
            for (int c = 0; c < PUMP.size(); c++) {
                v.put(PUMP.get(c), x[c]);
            }
            samples.add(new Sample(String.valueOf(i), s0.plusSeconds(i), v));
        }
        try (TopicProbe probe = LiveStream.anomalies()) {
            LiveStream.send(device, samples);
            List<AnomalyEvent> found = LiveStream.await(probe, device, 1, a -> a.probableCause() != null
                    && !a.ts().isBefore(s0.plusSeconds(200)), Duration.ofSeconds(60));
            if (found.isEmpty()) {
                List<AnomalyEvent> all = LiveStream.drain(probe, device, Duration.ofSeconds(1));
                throw new AssertionError("no anomaly with a probable cause; got " + all.stream().map(a -> a.detector()
                        + "@" + java.time.Duration.between(s0, a.ts()).toSeconds() + "/" + a.severity() + "/"
                        + a.probableCause()).toList());
            }
            AnomalyEvent e = found.get(0); // the first anomaly of the fault: its window holds the fault's start
            assertNotNull(e.probableCause());
            assertEquals("valve closed", e.probableCause().cause(), "confidence " + e.probableCause().confidence());
            assertTrue(e.probableCause().confidence() >= 0.6);
            assertEquals("Open the discharge valve V-12.", e.probableCause().maintenanceHint());
        }
    }

    static double[] faulty(double[] row, String cause) {
        double[] x = row.clone();
        if (cause.equals("valve closed")) {
            x[0] += 0.5;
            x[1] -= 12;
            x[2] -= 1.0;
        } else {
            x[3] += 0.6;
            x[4] += 3;
        }
        return x;
    }
}
