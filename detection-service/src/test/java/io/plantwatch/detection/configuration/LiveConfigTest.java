package io.plantwatch.detection.configuration;

import io.plantwatch.contracts.event.AnomalyEvent;
import io.plantwatch.contracts.event.AnomalyType;
import io.plantwatch.contracts.event.DeviceEvent;
import io.plantwatch.contracts.event.Severity;
import io.plantwatch.detection.backtest.Sample;
import io.plantwatch.detection.pipeline.service.DetectionEngine;
import io.plantwatch.detection.support.Api;
import io.plantwatch.detection.support.LiveStream;
import io.plantwatch.local.testing.JwtTestResource;
import io.plantwatch.local.testing.KafkaTestResource;
import io.plantwatch.local.testing.MongoTestResource;
import io.plantwatch.local.testing.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Configuration changes reach the running detectors without a restart: overrides through the API, and the device
 * registry's ranges from plant.devices; learned state is kept when only limits or sensitivities change.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(MongoTestResource.class)
@WithTestResource(JwtTestResource.class)
class LiveConfigTest {

    @Inject
    DetectionEngine engine;

    @Test
    void anOverrideAppliesToTheNextReadingAndKeepsWhatWasLearned() {
        String device = LiveStream.device("cfg-live");
        Instant t0 = Instant.now().minus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.SECONDS);
        double[] normal = new double[30];
        for (int i = 0; i < normal.length; i++) {
            normal[i] = 2.0 + 0.01 * (i % 5);
        }
        try (TopicProbe probe = LiveStream.anomalies()) {
            LiveStream.send(device, LiveStream.series(t0, "pressure", normal));
            awaitSamples(device, 30);
            LiveStream.send(device, LiveStream.series(t0.plusSeconds(30), "pressure", 7.0));
            awaitSamples(device, 31);
            assertTrue(LiveStream.drain(probe, device, Duration.ofSeconds(1)).stream()
                    .noneMatch(e -> e.detector().equals("threshold")), "no limit configured yet: no threshold verdict");

            Api.asOperator().body("{\"channels\":{\"pressure\":{\"alarmHigh\":5.0,\"unit\":\"bar\"}}}")
                    .put("/api/v1/detection/config/" + device).then().statusCode(200)
                    .body("revision", equalTo(1)).body("updatedBy", equalTo("operator"))
                    .body("effective.channels[0].alarmHigh", equalTo(5.0f));
            LiveStream.send(device, LiveStream.series(t0.plusSeconds(31), "pressure", 7.0));
            AnomalyEvent limit = LiveStream.await(probe, device, 1, e -> e.detector().equals("threshold"),
                    Duration.ofSeconds(60)).get(0);
            assertEquals(AnomalyType.OUT_OF_RANGE, limit.type());
            assertTrue(limit.severity().atLeast(Severity.WARNING), "threshold opens alarms: " + limit.severity());
            assertEquals(5.0, limit.expectedHigh());
            assertEquals(LiveStream.readingId(device, t0.plusSeconds(31)), limit.readingId());
            assertTrue(limit.message().contains("bar"), limit.message());
            assertEquals(32, held(device).samples(), "the limit applied in place: nothing learned again");

            // switching a detector off changes what runs: it applies too, and the device learns again
            Api.asOperator().body("{\"detectors\":[\"zscore\",\"ewma\",\"rate\",\"flatline\",\"missing\"],"
                    + "\"channels\":{\"pressure\":{\"alarmHigh\":5.0}}}")
                    .put("/api/v1/detection/config/" + device).then().statusCode(200).body("revision", equalTo(2));
            await().atMost(Duration.ofSeconds(30)).until(() -> held(device).samples() == 0);
            LiveStream.send(device, LiveStream.series(t0.plusSeconds(32), "pressure", 7.5));
            awaitSamples(device, 1);
            String next = LiveStream.readingId(device, t0.plusSeconds(32));
            assertTrue(LiveStream.drain(probe, device, Duration.ofSeconds(1)).stream()
                    .noneMatch(e -> e.readingId().equals(next)), "threshold is off: 7.5 raises nothing");
        }
    }

    @Test
    void registryRangesApplyAndADeviceOverrideWins() {
        String device = LiveStream.device("cfg-registry");
        LiveStream.register(LiveStream.device(device, 1,
                new DeviceEvent.Channel("temperature", "°C", -40.0, 150.0, 0.0, 80.0, 1.0)));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                Api.asViewer().get("/api/v1/detection/config/" + device).then().statusCode(200)
                        .body("registry.revision", equalTo(1))
                        .body("effective.channels[0].alarmHigh", equalTo(80.0f))
                        .body("effective.channels[0].expectedPeriodSeconds", equalTo(1.0f)));
        Instant t0 = Instant.now().minus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.SECONDS);
        try (TopicProbe probe = LiveStream.anomalies()) {
            LiveStream.send(device, LiveStream.series(t0, "temperature", 60, 61, 95));
            AnomalyEvent hot = LiveStream.await(probe, device, 1, e -> e.detector().equals("threshold"),
                    Duration.ofSeconds(60)).get(0);
            assertEquals(80.0, hot.expectedHigh());
            assertEquals(LiveStream.readingId(device, t0.plusSeconds(2)), hot.readingId());

            Api.asAdmin().body("{\"channels\":{\"temperature\":{\"alarmHigh\":100}}}")
                    .put("/api/v1/detection/config/" + device).then().statusCode(200)
                    .body("effective.channels[0].alarmHigh", equalTo(100.0f))
                    .body("effective.channels[0].unit", equalTo("°C"));
            List<Sample> more = LiveStream.series(t0.plusSeconds(3), "temperature", 95, 120);
            LiveStream.send(device, more);
            AnomalyEvent hotter = LiveStream.await(probe, device, 2, e -> e.detector().equals("threshold"),
                    Duration.ofSeconds(60)).get(1);
            assertEquals(LiveStream.readingId(device, more.get(1).ts()), hotter.readingId(),
                    "95 is within the override's limit, 120 is not");
            assertEquals(100.0, hotter.expectedHigh());
        }
    }

    private DetectionEngine.DeviceStatus held(String device) {
        return engine.status().deviceStates().stream().filter(s -> s.deviceId().equals(device)).findFirst()
                .orElseThrow(() -> new AssertionError(device + " is not held by the engine"));
    }

    private void awaitSamples(String device, long n) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() ->
                engine.status().deviceStates().stream().anyMatch(s -> s.deviceId().equals(device) && s.samples() == n));
    }
}
