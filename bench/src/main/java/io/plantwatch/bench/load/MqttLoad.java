package io.plantwatch.bench.load;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.plantwatch.contracts.Topics;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The MQTT path: one sample per message, QoS 1, to the stack's Mosquitto on {@code plantwatch/devices/{id}/telemetry},
 * a bounded number in flight; counted end to end as readings of those devices arriving on plant.readings.
 */
public final class MqttLoad {

    /** What the MQTT phase achieved: messages published and PUBACKed, readings that reached Kafka, and the rate. */
    public record Result(long published, long acked, long onKafka, double seconds, double readingsPerSecond) {
    }

    public static String deviceId(int d) {
        return "bench-m" + d;
    }

    private final String kafka;
    private final int mqttPort;

    public MqttLoad(String kafkaBootstrap, int mqttPort) {
        this.kafka = kafkaBootstrap;
        this.mqttPort = mqttPort;
    }

    /** Publishes at most {@code messages} within {@code limit}; waits at most {@code drain} for them on Kafka. */
    public Result run(int devices, int messages, int inflight, Duration limit, Duration drain) throws Exception {
        Vertx vertx = Vertx.vertx();
        MqttClient client = MqttClient.create(vertx, new MqttClientOptions().setClientId("bench-" + UUID.randomUUID())
                .setMaxInflightQueue(inflight).setAutoKeepAlive(true));
        AtomicLong arrived = new AtomicLong();
        AtomicLong lastArrival = new AtomicLong();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka, ConsumerConfig.GROUP_ID_CONFIG, "bench-mqtt-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.READINGS));
            long assignDeadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (consumer.assignment().isEmpty() && System.nanoTime() < assignDeadline) {
                consumer.poll(Duration.ofMillis(100));
            }
            consumer.seekToEnd(consumer.assignment());
            consumer.assignment().forEach(consumer::position);

            client.connect(mqttPort, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            Semaphore window = new Semaphore(inflight);
            AtomicLong acked = new AtomicLong();
            client.publishCompletionHandler(id -> {
                acked.incrementAndGet();
                window.release();
            });
            Instant base = Instant.now().minus(Duration.ofDays(2));
            long start = System.nanoTime();
            long sendDeadline = start + limit.toNanos();
            long sent = 0;
            while (sent < messages && System.nanoTime() < sendDeadline) {
                if (!window.tryAcquire(1, TimeUnit.SECONDS)) {
                    continue;
                }
                int device = (int) (sent % devices);
                long i = sent / devices;
                String sample = "{\"ts\":\"" + base.plusSeconds(i) + "\",\"values\":{\"voltage\":" + (229 + i % 3)
                        + ".5,\"current\":5." + (i % 90 + 10) + "}}";
                client.publish("plantwatch/devices/" + deviceId(device) + "/telemetry", Buffer.buffer(sample),
                        MqttQoS.AT_LEAST_ONCE, false, false);
                sent++;
                if (sent % 500 == 0) {
                    poll(consumer, arrived, lastArrival, Duration.ZERO);
                }
            }
            long drainDeadline = System.nanoTime() + drain.toNanos();
            while (arrived.get() < sent && System.nanoTime() < drainDeadline) {
                poll(consumer, arrived, lastArrival, Duration.ofMillis(100));
            }
            double seconds = (Math.max(lastArrival.get(), start) - start) / 1e9;
            return new Result(sent, acked.get(), arrived.get(), seconds, seconds > 0 ? arrived.get() / seconds : 0);
        } finally {
            client.disconnect();
            vertx.close();
        }
    }

    private static void poll(KafkaConsumer<String, byte[]> consumer, AtomicLong arrived, AtomicLong lastArrival,
            Duration wait) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(wait)) {
            if (r.key() != null && r.key().startsWith("bench-m")) {
                arrived.incrementAndGet();
                lastArrival.set(System.nanoTime());
            }
        }
    }
}
