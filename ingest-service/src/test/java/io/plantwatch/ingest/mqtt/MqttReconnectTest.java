package io.plantwatch.ingest.mqtt;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.plantwatch.ingest.mqtt.service.MqttConnection;
import io.plantwatch.local.infra.Mosquitto;
import io.plantwatch.local.process.FreePorts;
import io.plantwatch.local.process.ManagedProcess;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The subscriber survives a broker restart: a real Mosquitto is killed and started again on the same port. */
class MqttReconnectTest {

    private final Vertx vertx = Vertx.vertx();
    private final int port = FreePorts.next();
    private final Path dir = Path.of("target", "plantwatch-test", "mqtt-reconnect-" + port).toAbsolutePath();
    private ManagedProcess broker;
    private MqttConnection connection;

    @AfterEach
    void stop() {
        if (connection != null) {
            connection.stop();
        }
        if (broker != null) {
            broker.stop(Duration.ofSeconds(5));
        }
        vertx.close();
    }

    @Test
    void resubscribesAfterTheBrokerRestarts() throws Exception {
        broker = Mosquitto.start(port, dir, dir.resolve("mosquitto.log"), null);
        List<String> received = new CopyOnWriteArrayList<>();
        connection = new MqttConnection(vertx, "127.0.0.1", port, "reconnect-test", true,
                Map.of("plantwatch/devices/+/telemetry", 1), m -> {
                    received.add(m.payload().toString());
                    m.ack();
                }, Duration.ofMillis(200), Duration.ofSeconds(1));
        connection.start();
        await().atMost(Duration.ofSeconds(20)).until(connection::connected);
        publish("before");
        await().atMost(Duration.ofSeconds(20)).until(() -> received.contains("before"));

        broker.kill();
        await().atMost(Duration.ofSeconds(20)).until(() -> !connection.connected());
        broker = Mosquitto.start(port, dir, dir.resolve("mosquitto.log"), null);
        await().atMost(Duration.ofSeconds(30)).until(connection::connected);
        publish("after");
        await().atMost(Duration.ofSeconds(20)).until(() -> received.contains("after"));
        assertTrue(connection.connects() >= 2, "connected twice");
    }

    private void publish(String payload) throws Exception {
        MqttClient client = MqttClient.create(vertx);
        client.connect(port, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        client.publish("plantwatch/devices/d1/telemetry", Buffer.buffer(payload), MqttQoS.AT_LEAST_ONCE, false, false)
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        client.disconnect().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
