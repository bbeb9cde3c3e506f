package io.plantwatch.ingest.mqtt;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.plantwatch.contracts.Topics;
import io.plantwatch.contracts.event.DeadLetter;
import io.plantwatch.contracts.event.DeviceStatus;
import io.plantwatch.contracts.event.Reading;
import io.plantwatch.contracts.event.Source;
import io.plantwatch.contracts.json.EventJson;
import io.plantwatch.ingest.TestDevices;
import io.plantwatch.local.testing.JwtTestResource;
import io.plantwatch.local.testing.KafkaTestResource;
import io.plantwatch.local.testing.MongoTestResource;
import io.plantwatch.local.testing.MqttTestResource;
import io.plantwatch.local.testing.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** MQTT devices through a real Mosquitto: telemetry in both forms, status, and every rejection with its reason. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(MongoTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(MqttTestResource.class)
class MqttIngestTest {

    private static Vertx vertx;
    private static MqttClient device;

    @BeforeAll
    static void connect() throws Exception {
        vertx = Vertx.vertx();
        device = MqttClient.create(vertx, new MqttClientOptions().setClientId("test-device-" + System.nanoTime()));
        device.connect(MqttTestResource.port(), "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void close() {
        device.disconnect();
        vertx.close();
    }

    static void publish(String topic, String payload) throws Exception {
        device.publish(topic, Buffer.buffer(payload), MqttQoS.AT_LEAST_ONCE, false, false)
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void telemetryAsJsonSampleFlatObjectAndBareNumber() throws Exception {
        TestDevices.register(TestDevices.pushed("mq-1", "mqtt", "voltage:0:400", "current"));
        Instant ts = Instant.now().minusSeconds(5).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        try (TopicProbe probe = TopicProbe.atEnd(KafkaTestResource.bootstrapServers(), Topics.READINGS)) {
            publish("plantwatch/devices/mq-1/telemetry", "{\"ts\":\"" + ts + "\",\"values\":{\"voltage\":229.8,\"current\":1.23}}");
            publish("plantwatch/devices/mq-1/telemetry", "{\"voltage\":230.1}");
            publish("plantwatch/devices/mq-1/telemetry/voltage", " 231.5\n");
            publish("plantwatch/devices/mq-1/telemetry/voltage", "999");
            List<ConsumerRecord<String, byte[]>> records = probe.await(4, r -> "mq-1".equals(r.key()), Duration.ofSeconds(30));
            assertEquals(4, records.size());
            List<Reading> readings = records.stream().map(TestDevices::reading).toList();
            Reading first = readings.stream().filter(r -> r.values().containsKey("current")).findFirst().orElseThrow();
            assertEquals(ts, first.ts());
            assertEquals(Source.MQTT, first.source());
            assertEquals(1.23, first.values().get("current"));
            assertTrue(readings.stream().anyMatch(r -> Double.valueOf(230.1).equals(r.values().get("voltage"))));
            assertTrue(readings.stream().anyMatch(r -> Double.valueOf(231.5).equals(r.values().get("voltage"))));
            Reading outOfRange = readings.stream().filter(r -> Double.valueOf(999).equals(r.values().get("voltage"))).findFirst().orElseThrow();
            assertEquals("BAD", outOfRange.quality().name(), "outside the valid range: accepted, quality BAD");
        }
    }

    @Test
    void rejectsGoToTheDeadLetterTopicWithTheirReason() throws Exception {
        TestDevices.register(TestDevices.pushed("mq-2", "mqtt", "voltage"));
        try (TopicProbe dlq = TopicProbe.atEnd(KafkaTestResource.bootstrapServers(), Topics.READINGS_DLQ);
                TopicProbe readings = TopicProbe.atEnd(KafkaTestResource.bootstrapServers(), Topics.READINGS)) {
            publish("plantwatch/devices/mq-2/telemetry/voltage", "NaN");
            publish("plantwatch/devices/mq-2/telemetry", "{not json");
            publish("plantwatch/devices/mq-2/telemetry", "{\"values\":{\"voltage\":1,\"humidity\":2}}");
            publish("plantwatch/devices/mq-2/telemetry", "{\"ts\":\"" + Instant.now().plus(Duration.ofDays(2)) + "\",\"voltage\":1}");
            publish("plantwatch/devices/mq-unknown/telemetry", "{\"voltage\":1}");
            publish("plantwatch/devices/mq-2/telemetry", "{\"id\":\"s-1\",\"voltage\":1}");
            publish("plantwatch/devices/mq-2/telemetry", "{\"id\":\"s-1\",\"voltage\":1}");
            publish("plantwatch/devices/mq-2/telemetry", "{\"voltage\":" + "1".repeat(70_000) + "}");
            List<DeadLetter> letters = dlq.await(7, r -> r.key().startsWith("mq-"), Duration.ofSeconds(30)).stream()
                    .map(TestDevices::deadLetter).toList();
            List<String> reasons = letters.stream().map(DeadLetter::reason).toList();
            assertTrue(reasons.containsAll(List.of("non-finite-value", "invalid-payload", "unknown-channel", "bad-timestamp",
                    "unknown-device", "duplicate-sample-id", "oversized-payload")), "reasons: " + reasons);
            assertEquals("mq-unknown", letters.stream().filter(l -> l.reason().equals("unknown-device")).findFirst().orElseThrow().deviceId());
            assertEquals(1, readings.await(1, r -> "mq-2".equals(r.key()), Duration.ofSeconds(10)).size());
            assertEquals(1, readings.drain(Duration.ofSeconds(1)).stream().filter(r -> "mq-2".equals(r.key())).count(),
                    "the replayed sample id is not published twice");
        }
    }

    @Test
    void statusTopicChangesTheDeviceStatus() throws Exception {
        TestDevices.register(TestDevices.pushed("mq-3", "mqtt", "voltage"));
        try (TopicProbe status = TopicProbe.atEnd(KafkaTestResource.bootstrapServers(), Topics.DEVICE_STATUS)) {
            publish("plantwatch/devices/mq-3/status", "online");
            publish("plantwatch/devices/mq-3/status", "{\"online\":false,\"reason\":\"maintenance\"}");
            List<DeviceStatus> changes = status.await(2, r -> "mq-3".equals(r.key()), Duration.ofSeconds(20)).stream()
                    .map(r -> EventJson.fromBytes(r.value(), DeviceStatus.class)).toList();
            assertEquals(List.of(true, false), changes.stream().map(DeviceStatus::online).toList());
            assertEquals("device reported: maintenance", changes.get(1).reason());
        }
    }
}
