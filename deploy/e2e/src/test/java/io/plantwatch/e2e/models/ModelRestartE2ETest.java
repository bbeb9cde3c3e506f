package io.plantwatch.e2e.models;

import io.plantwatch.contracts.Topics;
import io.plantwatch.contracts.event.AnomalyEvent;
import io.plantwatch.contracts.event.EventIds;
import io.plantwatch.contracts.event.Quality;
import io.plantwatch.contracts.event.Reading;
import io.plantwatch.contracts.event.Source;
import io.plantwatch.contracts.json.EventJson;
import io.plantwatch.local.stack.LocalStack;
import io.plantwatch.local.stack.Service;
import io.plantwatch.local.stack.StackConfig;
import io.plantwatch.local.testing.TopicProbe;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A model survives the death of its process: on a stack of its own (one instance of each service, each its own
 * process), a model selected for a device judges it live; the detection-service process is killed (kill -9) and started
 * again; the new process still lists the model READY and selected on the device, and its live detection of that
 * device raises anomalies from that model (modelId on plant.anomalies).
 */
@Order(2)
class ModelRestartE2ETest {

    static final String MODEL = "preset-pump-mewma";
    static final List<String> PUMP = List.of("pressure", "flow", "current", "vibration", "temperature");

    @Test
    void aSelectedModelSurvivesAKilledDetectionProcess() throws Exception {
        Path root = Path.of(System.getProperty("plantwatch.root", "../..")).toAbsolutePath().normalize();
        Path data = root.resolve("deploy/e2e/target/model-restart-stack");
        deleteTree(data);
        StackConfig config = StackConfig.forTest(root, data, false, Map.of(
                "KAFKA_SESSION_TIMEOUT_MS", "10000",
                "KAFKA_HEARTBEAT_INTERVAL_MS", "1000",
                "PLANTWATCH_DETECTION_SNAPSHOT_INTERVAL", "3s"));
        LocalStack stack = new LocalStack(config);
        Thread cleanup = new Thread(stack::down);
        Runtime.getRuntime().addShutdownHook(cleanup);
        try (AutoCloseable down = stack::down) {
            stack.up();
            String gateway = config.url(Service.GATEWAY);
            String token = given().baseUri(gateway).contentType(ContentType.JSON)
                    .body(Map.of("login", "admin", "password", stack.secrets().adminPassword()))
                    .post("/api/v1/auth/login").then().statusCode(200).extract().path("accessToken");
            String device = "pump-restart-" + UUID.randomUUID().toString().substring(0, 8);

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    assertEquals("READY", model(gateway, token).getString("status"), "the preset is created"));
            given().baseUri(gateway).auth().oauth2(token).contentType(ContentType.JSON)
                    .body(Map.of("deviceId", device)).post("/api/v1/models/" + MODEL + "/select")
                    .then().statusCode(200);

            Instant t0 = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
            String bootstrap = config.kafkaBootstrapServers();
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                    new StringSerializer(), new ByteArraySerializer());
                    TopicProbe anomalies = TopicProbe.atEnd(bootstrap, Topics.ANOMALIES)) {
                // before: 150 s of normal operation, then the flow is lost
                send(producer, device, t0, 0, 200, 150);
                AnomalyEvent before = awaitModelAnomaly(anomalies, device, t0.plusSeconds(150));
                System.out.printf("before the kill: %s at +%d s, %s%n", before.modelId(),
                        Duration.between(t0, before.ts()).toSeconds(), before.message());

                long killedAt = System.nanoTime();
                stack.kill("detection-service");
                stack.start("detection-service"); // a new process: waits until it is ready
                System.out.printf("detection-service killed (kill -9) and started again in %d ms%n",
                        (System.nanoTime() - killedAt) / 1_000_000);

                JsonPath m = model(gateway, token);
                assertEquals("READY", m.getString("status"));
                assertTrue(m.getList("selectedOn").contains(device), "still selected on " + device + ": "
                        + m.getList("selectedOn"));

                // after: normal again for 100 s, then the flow is lost again; the new process judges with the model
                send(producer, device, t0, 200, 320, 300);
                AnomalyEvent after = awaitModelAnomaly(anomalies, device, t0.plusSeconds(300));
                System.out.printf("after the restart: %s at +%d s, %d ms after the kill, %s%n", after.modelId(),
                        Duration.between(t0, after.ts()).toSeconds(), (System.nanoTime() - killedAt) / 1_000_000,
                        after.message());
                assertEquals("mewma", after.detector());
            }
        } finally {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        }
    }

    private static JsonPath model(String gateway, String token) {
        return given().baseUri(gateway).auth().oauth2(token).get("/api/v1/models/" + MODEL).then().statusCode(200)
                .extract().jsonPath();
    }

    /** The first anomaly of the device from the model on a reading at or after {@code from}. */
    private static AnomalyEvent awaitModelAnomaly(TopicProbe probe, String device, Instant from) {
        List<AnomalyEvent> found = probe.await(1, r -> device.equals(r.key()) && fromModel(r.value(), from),
                Duration.ofSeconds(90)).stream().map(r -> EventJson.fromBytes(r.value(), AnomalyEvent.class)).toList();
        assertTrue(!found.isEmpty(), "an anomaly of " + device + " from model " + MODEL + " at or after " + from);
        return found.get(0);
    }

    private static boolean fromModel(byte[] value, Instant from) {
        AnomalyEvent a = EventJson.fromBytes(value, AnomalyEvent.class);
        return ("model:" + MODEL + ":v1").equals(a.modelId()) && !a.ts().isBefore(from);
    }

    /**
     * Pump readings {@code from}..{@code to}-1 s after {@code t0} on plant.readings (as ingest publishes them):
     * normal operation (a load drives the five channels, as the preset was trained on), the flow lost from
     * {@code faultFrom}.
     */
    private static void send(KafkaProducer<String, byte[]> producer, String device, Instant t0, int from, int to,
            int faultFrom) throws Exception {
        Random r = new Random(42);
        double temp = 45;
        List<Future<?>> acks = new ArrayList<>();
        for (int i = 0; i < to; i++) {
            double load = 0.75 + 0.15 * Math.sin(2 * Math.PI * i / 900.0) + 0.03 * r.nextGaussian();
            temp += 0.02 * (40 + 12 * load - temp) + 0.05 * r.nextGaussian();
            if (i < from) {
                continue;
            }
            Map<String, Double> v = new LinkedHashMap<>();
            v.put("pressure", 2.0 + 1.2 * load + 0.03 * r.nextGaussian());
            v.put("flow", 40 * load + 0.6 * r.nextGaussian() - (i >= faultFrom ? 12 : 0));
            v.put("current", 4 + 6 * load + 0.08 * r.nextGaussian());
            v.put("vibration", 1.2 + 0.8 * load + 0.05 * r.nextGaussian());
            v.put("temperature", temp);
            Instant ts = t0.plusSeconds(i);
            Reading reading = Reading.of(EventIds.readingId(device, ts), device, ts, Instant.now(), Source.SIMULATOR,
                    v, Quality.GOOD);
            acks.add(producer.send(new ProducerRecord<>(Topics.READINGS, device, EventJson.toBytes(reading))));
        }
        producer.flush();
        for (Future<?> a : acks) {
            a.get();
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
