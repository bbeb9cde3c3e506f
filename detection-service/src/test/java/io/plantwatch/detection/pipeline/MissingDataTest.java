package io.plantwatch.detection.pipeline;

import io.plantwatch.contracts.event.AnomalyEvent;
import io.plantwatch.contracts.event.AnomalyType;
import io.plantwatch.contracts.event.DeviceEvent;
import io.plantwatch.contracts.event.Severity;
import io.plantwatch.detection.support.Api;
import io.plantwatch.detection.support.LiveStream;
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
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Missing data is found by the timer: a device that stops sending gets a MISSING anomaly with no new sample. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(MongoTestResource.class)
@WithTestResource(JwtTestResource.class)
class MissingDataTest {

    @Test
    void aSilentChannelIsReportedByTheClock() {
        String device = LiveStream.device("silent");
        LiveStream.register(LiveStream.device(device, 1,
                new DeviceEvent.Channel("flow", "m3/h", null, null, null, null, 1.0)));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                Api.asViewer().get("/api/v1/detection/config/" + device).then()
                        .body("effective.channels[0].expectedPeriodSeconds", equalTo(1.0f)));
        Instant t0 = Instant.now().minusSeconds(30).truncatedTo(ChronoUnit.SECONDS);
        try (TopicProbe probe = LiveStream.anomalies()) {
            LiveStream.send(device, LiveStream.series(t0, "flow", 12.0, 12.1, 12.0, 11.9, 12.0));
            List<AnomalyEvent> missing = LiveStream.await(probe, device, 1, e -> e.detector().equals("missing"),
                    Duration.ofSeconds(60));
            assertEquals(1, missing.size(), "a MISSING anomaly arrives although no sample follows");
            AnomalyEvent gap = missing.get(0);
            assertEquals(AnomalyType.MISSING, gap.type());
            assertEquals("flow", gap.channel());
            assertTrue(gap.severity().atLeast(Severity.WARNING), "missing data opens alarms: " + gap.severity());
            assertTrue(gap.readingId().startsWith("gap:" + LiveStream.readingId(device, t0.plusSeconds(4))),
                    gap.readingId());
            // judged on the device's clock: the gap starts after its last sample, more than 3 periods later
            assertTrue(gap.ts().isAfter(t0.plusSeconds(4 + 3)), gap.ts() + " vs last sample " + t0.plusSeconds(4));
        }
    }
}
