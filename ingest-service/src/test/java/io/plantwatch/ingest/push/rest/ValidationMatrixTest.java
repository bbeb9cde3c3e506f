package io.plantwatch.ingest.push.rest;

import io.plantwatch.contracts.Topics;
import io.plantwatch.contracts.event.DeadLetter;
import io.plantwatch.contracts.event.Reading;
import io.plantwatch.ingest.TestDevices;
import io.plantwatch.local.testing.JwtTestResource;
import io.plantwatch.local.testing.KafkaTestResource;
import io.plantwatch.local.testing.MongoTestResource;
import io.plantwatch.local.testing.MqttTestResource;
import io.plantwatch.local.testing.TestTokens;
import io.plantwatch.local.testing.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The validation matrix of HTTP push, one case per test, each with its expected status, the field it names, and
 * what reaches Kafka (nothing, the reading, or a dead letter with its reason). The unattended protocols' side of
 * the matrix (every case as a dead-letter reason) is MqttIngestTest.rejectsGoToTheDeadLetterTopicWithTheirReason;
 * the test profile caps bodies at 64 KiB and batches at 500 samples.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(MongoTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(MqttTestResource.class)
class ValidationMatrixTest {

    private static final String DEVICE = "vm-1";

    @BeforeEach
    void device() {
        TestDevices.register(TestDevices.pushed(DEVICE, "http", "voltage:0:400", "current"));
    }

    private static String sample(Instant ts, String values) {
        return "{\"ts\":\"" + ts + "\",\"values\":{" + values + "}}";
    }

    private static String batch(String deviceId, String... samples) {
        return "{\"deviceId\":\"" + deviceId + "\",\"samples\":[" + String.join(",", samples) + "]}";
    }

    private static ValidatableResponse push(String body) {
        return given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/ingest").then();
    }

    /** Runs {@code action} and proves that it put nothing of {@link #DEVICE} on plant.readings. */
    private static void publishesNothing(Runnable action) {
        try (TopicProbe readings = TopicProbe.atEnd(KafkaTestResource.bootstrapServers(), Topics.READINGS)) {
            action.run();
            assertTrue(readings.drain(Duration.ofSeconds(2)).stream().noneMatch(r -> DEVICE.equals(r.key())),
                    "a rejected batch publishes nothing");
        }
    }

    @Test
    void unknownDeviceIs400() {
        push(batch("vm-nobody", sample(Instant.now(), "\"voltage\":230"))).statusCode(400)
                .body("fields[0].field", equalTo("deviceId")).body("fields[0].message", containsString("not a registered device"));
    }

    @Test
    void unknownChannelIs400() {
        publishesNothing(() -> push(batch(DEVICE, sample(Instant.now(), "\"voltage\":230,\"humidity\":40"))).statusCode(400)
                .body("fields", hasSize(1)).body("fields[0].field", equalTo("samples[0].values.humidity")));
    }

    @Test
    void nanAndInfinityAre400() {
        publishesNothing(() -> push(batch(DEVICE, sample(Instant.now(), "\"voltage\":NaN"),
                sample(Instant.now(), "\"voltage\":1e999"), sample(Instant.now(), "\"current\":-Infinity")))
                .statusCode(400).body("fields.field", equalTo(List.of("samples[0].values.voltage",
                        "samples[1].values.voltage", "samples[2].values.current"))));
    }

    @Test
    void outOfRangeIsAcceptedWithQualityBad() {
        Instant ts = Instant.now().minusSeconds(3).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        try (TopicProbe readings = TopicProbe.atEnd(KafkaTestResource.bootstrapServers(), Topics.READINGS)) {
            push(batch(DEVICE, sample(ts, "\"voltage\":999"), sample(ts.plusMillis(1), "\"voltage\":230")))
                    .statusCode(202).body("accepted", equalTo(2)).body("badQuality", equalTo(1));
            List<Reading> got = readings.await(2, r -> DEVICE.equals(r.key()), Duration.ofSeconds(20)).stream()
                    .map(TestDevices::reading).toList();
            assertEquals(List.of("BAD", "GOOD"), got.stream().map(r -> r.quality().name()).toList());
            assertEquals(999.0, got.get(0).values().get("voltage"));
        }
    }

    @Test
    void timestampsTooFarInTheFutureOrPastAre400() {
        publishesNothing(() -> push(batch(DEVICE, sample(Instant.now().plus(Duration.ofMinutes(10)), "\"voltage\":230"),
                sample(Instant.now().minus(Duration.ofDays(8)), "\"voltage\":230"), sample(Instant.now(), "\"voltage\":230")))
                .statusCode(400)
                .body("fields.field", equalTo(List.of("samples[0].ts", "samples[1].ts")))
                .body("fields[0].message", containsString("in the future"))
                .body("fields[1].message", containsString("in the past")));
    }

    @Test
    void duplicateSampleIdsAreDeadLetteredAndPublishedOnce() {
        String first = "{\"id\":\"dup-1\",\"ts\":\"" + Instant.now() + "\",\"values\":{\"voltage\":230}}";
        try (TopicProbe readings = TopicProbe.atEnd(KafkaTestResource.bootstrapServers(), Topics.READINGS);
                TopicProbe dlq = TopicProbe.atEnd(KafkaTestResource.bootstrapServers(), Topics.READINGS_DLQ)) {
            push(batch(DEVICE, first)).statusCode(202).body("accepted", equalTo(1));
            push(batch(DEVICE, first)).statusCode(202).body("accepted", equalTo(0)).body("duplicates", equalTo(1));
            DeadLetter letter = dlq.await(1, r -> DEVICE.equals(r.key()), Duration.ofSeconds(20)).stream()
                    .map(TestDevices::deadLetter).findFirst().orElseThrow(() -> new AssertionError("no dead letter"));
            assertEquals("duplicate-sample-id", letter.reason());
            assertTrue(letter.errors().get(0).contains("dup-1"), letter.errors().toString());
            assertEquals(1, readings.drain(Duration.ofSeconds(2)).stream().filter(r -> DEVICE.equals(r.key())).count(),
                    "the replayed sample is published once");
        }
    }

    @Test
    void oversizedBodiesAre413AndTooManySamples400() {
        publishesNothing(() -> {
            String big = batch(DEVICE, sample(Instant.now(), "\"voltage\":" + "1".repeat(70_000)));
            push(big).statusCode(413).body("status", equalTo(413));
            String[] many = new String[501];
            Instant t = Instant.now().minusSeconds(600);
            for (int i = 0; i < many.length; i++) {
                many[i] = sample(t.plusMillis(i), "\"voltage\":230");
            }
            push(batch(DEVICE, many)).statusCode(400).body("fields[0].field", equalTo("samples"));
        });
    }
}
