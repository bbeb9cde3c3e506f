package io.plantwatch.detection.pipeline.rest;

import io.plantwatch.detection.pipeline.service.DetectionEngine;
import io.plantwatch.detection.support.Api;
import io.plantwatch.detection.support.LiveStream;
import io.plantwatch.local.testing.JwtTestResource;
import io.plantwatch.local.testing.KafkaTestResource;
import io.plantwatch.local.testing.MongoTestResource;
import io.plantwatch.local.testing.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** POST /anomalies/check: the live configuration and state on posted samples; nothing stored or published. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(MongoTestResource.class)
@WithTestResource(JwtTestResource.class)
class CheckResourceTest {

    @Inject
    DetectionEngine engine;

    @Test
    void aBatchIsJudgedWithTheLiveStateWhichStaysUnchanged() {
        String device = LiveStream.device("check");
        Instant t0 = Instant.now().minus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.SECONDS);
        double[] v = new double[20];
        java.util.Arrays.fill(v, 4.0);
        LiveStream.send(device, LiveStream.series(t0, "level", v));
        await().atMost(Duration.ofSeconds(60)).until(() -> samples(device) == 20);
        Api.asOperator().body("{\"channels\":{\"level\":{\"alarmLow\":1,\"alarmHigh\":10}}}")
                .put("/api/v1/detection/config/" + device).then().statusCode(200);

        try (TopicProbe probe = LiveStream.anomalies()) {
            Api.asOperator().body("{\"deviceId\":\"" + device + "\",\"samples\":["
                            + "{\"ts\":\"" + t0.plusSeconds(20) + "\",\"values\":{\"level\":4.1}},"
                            + "{\"ts\":\"" + t0.plusSeconds(21) + "\",\"values\":{\"level\":12.5}}]}")
                    .post("/api/v1/anomalies/check").then().statusCode(200)
                    .body("reference", equalTo("live")).body("samplesBefore", equalTo(20))
                    .body("samples", hasSize(2))
                    .body("samples[0].verdicts", empty())
                    .body("samples[1].verdicts.detector", contains("threshold"))
                    .body("samples[1].verdicts[0].type", equalTo("OUT_OF_RANGE"))
                    .body("samples[1].verdicts[0].severity", not(equalTo("INFO")))
                    .body("samples[1].verdicts[0].readingId",
                            equalTo(LiveStream.readingId(device, t0.plusSeconds(21))))
                    .body("samples[1].alarmOnset", equalTo(true));
            assertTrue(LiveStream.drain(probe, device, Duration.ofSeconds(2)).isEmpty(), "nothing published");
        }
        assertEquals(20, samples(device), "the live state did not move");
    }

    @Test
    void aDeviceNeverSeenIsJudgedFreshAndOneSampleIsEnough() {
        String device = LiveStream.device("check-new");
        Api.asAdmin().body("{\"deviceId\":\"" + device + "\",\"ts\":\"" + Instant.now() + "\",\"values\":{\"p\":1.5}}")
                .post("/api/v1/anomalies/check").then().statusCode(200)
                .body("reference", equalTo("fresh")).body("samples[0].trained", equalTo(false))
                .body("samples[0].verdicts", empty());
        assertTrue(engine.status().deviceStates().stream().noneMatch(s -> s.deviceId().equals(device)),
                "a check does not create live state");
    }

    @Test
    void badInputIs400NamingTheField() {
        String now = Instant.now().toString();
        Api.asOperator().body("{\"samples\":[{\"ts\":\"" + now + "\",\"values\":{\"p\":1}}]}")
                .post("/api/v1/anomalies/check").then().statusCode(400).body("fields.field", contains("deviceId"));
        Api.asOperator().body("{\"deviceId\":\"d\",\"samples\":[]}")
                .post("/api/v1/anomalies/check").then().statusCode(400).body("fields.field", contains("samples"));
        Api.asOperator().body("{\"deviceId\":\"d\",\"samples\":[{\"ts\":\"" + now + "\",\"values\":{\"p\":1e999}},"
                        + "{\"ts\":\"" + now + "\",\"values\":{}}]}")
                .post("/api/v1/anomalies/check").then().statusCode(400)
                .body("fields.field", containsInAnyOrder("samples[0].values.p", "samples[1].ts", "samples[1].values"));
        Api.asOperator().body("{\"deviceId\":\"d\",\"samples\":[{\"ts\":\"yesterday\",\"values\":{\"p\":1}}]}")
                .post("/api/v1/anomalies/check").then().statusCode(400).body("fields.field", contains("samples[0].ts"));
        Api.asOperator().body("{\"deviceId\":\"d\",\"samples\":[{\"ts\":\"" + now + "\",\"values\":{\"p\":\"high\"}}]}")
                .post("/api/v1/anomalies/check").then().statusCode(400)
                .body("fields.field", contains("samples[0].values.p"));
        Api.asOperator().body("{\"deviceId\":\"d\",\"ts\":\"" + now + "\",\"values\":{\"p\":1},\"samples\":[]}")
                .post("/api/v1/anomalies/check").then().statusCode(400).body("fields.field", contains("samples"));
        Api.asOperator().body("{\"deviceId\":\"d\",").post("/api/v1/anomalies/check").then().statusCode(400)
                .body("fields.field", contains("body"));
    }

    @Test
    void rolesAreEnforced() {
        String body = "{\"deviceId\":\"d\",\"ts\":\"" + Instant.now() + "\",\"values\":{\"p\":1}}";
        given().contentType(ContentType.JSON).body(body).post("/api/v1/anomalies/check").then().statusCode(401);
        Api.asViewer().body(body).post("/api/v1/anomalies/check").then().statusCode(403);
    }

    private long samples(String device) {
        return engine.status().deviceStates().stream().filter(s -> s.deviceId().equals(device))
                .mapToLong(DetectionEngine.DeviceStatus::samples).findFirst().orElse(-1);
    }
}
