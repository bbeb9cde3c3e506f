package io.plantwatch.ingest.mqtt;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.plantwatch.contracts.Topics;
import io.plantwatch.ingest.TestDevices;
import io.plantwatch.ingest.mqtt.config.MqttClientIds;
import io.plantwatch.ingest.mqtt.service.MqttConnection;
import io.plantwatch.ingest.mqtt.service.MqttIngest;
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
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two ingest instances on one Mosquitto: each has its own client id (replicas with one shared id would push each
 * other off the broker in a loop), and they share the device topics, so each device message is ingested by exactly
 * one of them. The second instance is a subscriber built like ingest's own ({@link MqttConnection}, the shared
 * subscription ingest uses, another process's id).
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(MongoTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(MqttTestResource.class)
class MqttScaleOutTest {

    @Inject
    MqttIngest ingest;

    @Test
    void unconfiguredClientIdIsUniqueToTheProcess() {
        String id = ingest.clientId();
        assertTrue(id.startsWith("plantwatch-ingest-") && id.endsWith("-" + ProcessHandle.current().pid()), id);
        assertEquals("fixed-id", MqttClientIds.of(Optional.of("fixed-id"), "plantwatch-ingest"), "a configured id wins");
        assertEquals(id, MqttClientIds.of(Optional.of(" "), "plantwatch-ingest"), "a blank id counts as unset");
    }

    @Test
    void twoInstancesStayConnectedAndIngestEachMessageOnce() throws Exception {
        int messages = 200;
        String device = "mq-scale-1";
        TestDevices.register(TestDevices.pushed(device, "mqtt", "voltage"));
        await().atMost(Duration.ofSeconds(30)).until(ingest::connected);

        String prefix = ingest.subscriptionPrefix();
        assertEquals("$share/plantwatch-ingest/", prefix);
        String otherId = "plantwatch-ingest-other-host-4242";
        assertNotEquals(ingest.clientId(), otherId);
        Set<Integer> secondGot = ConcurrentHashMap.newKeySet();
        Vertx vertx = Vertx.vertx();
        MqttConnection second = new MqttConnection(vertx, "127.0.0.1", MqttTestResource.port(), otherId, false,
                Map.of(prefix + "plantwatch/devices/+/telemetry/+", MqttQoS.AT_LEAST_ONCE.value()), m -> {
                    secondGot.add(Integer.parseInt(m.payload().toString().trim()));
                    m.ack();
                }, Duration.ofMillis(200), Duration.ofSeconds(1));
        MqttClient publisher = MqttClient.create(vertx, new MqttClientOptions().setClientId("mq-scale-device-" + System.nanoTime()).setMaxInflightQueue(1000));
        try (TopicProbe readings = TopicProbe.atEnd(KafkaTestResource.bootstrapServers(), Topics.READINGS)) {
            second.start();
            await().atMost(Duration.ofSeconds(20)).until(second::connected);
            publisher.connect(MqttTestResource.port(), "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            for (int i = 0; i < messages; i++) {
                publisher.publish("plantwatch/devices/" + device + "/telemetry/voltage", Buffer.buffer(Integer.toString(i)),
                        MqttQoS.AT_LEAST_ONCE, false, false).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> secondGot.size() > 0);
            int expectedInKafka = messages - secondGot.size();
            readings.await(expectedInKafka, r -> device.equals(r.key()), Duration.ofSeconds(30));
            // everything read so far plus 2 quiet seconds: a message ingested twice would show here
            var ingested = readings.drain(Duration.ofSeconds(2)).stream().filter(r -> device.equals(r.key())).toList();
            Set<Integer> ingestGot = ConcurrentHashMap.newKeySet();
            ingested.forEach(r -> ingestGot.add(TestDevices.reading(r).values().get("voltage").intValue()));

            assertEquals(expectedInKafka, ingested.size(), "ingest took its share once: " + ingested.size());
            assertTrue(ingestGot.size() > 0 && secondGot.size() > 0,
                    "both instances got messages: ingest " + ingestGot.size() + ", second " + secondGot.size());
            assertTrue(ingestGot.stream().noneMatch(secondGot::contains), "no message went to both instances");
            assertEquals(messages, ingestGot.size() + secondGot.size(), "every message went to one instance");
            assertTrue(ingest.connected() && second.connected(), "neither instance was pushed off the broker");
        } finally {
            second.stop();
            publisher.disconnect();
            vertx.close();
        }
    }
}
