package io.plantwatch.ingest.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded load generator for a running stack ({@code ./plantwatch up}): measures the readings per second that
 * ingest-service sustains over HTTP batches and over MQTT QoS 1, each counted end to end (from the first request to
 * the last reading seen on plant.readings). Every phase is bounded in time and in count; the numbers are printed,
 * not asserted. Run it with {@code ingest-service/load.sh} (see the module README).
 *
 * <p>Arguments ({@code key=value}): {@code root} (where .plantwatch/ is), {@code ingest}, {@code auth}, {@code kafka},
 * {@code mqttPort}, {@code httpSeconds} (20), {@code httpWorkers} (4), {@code batch} (500), {@code mqttMessages}
 * (100000), {@code mqttInflight} (1000), {@code mqttDevices} (4).
 */
public final class IngestLoad {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] CHANNELS = {"voltage", "current", "power", "temperature"};
    private static final Duration DRAIN_LIMIT = Duration.ofSeconds(120);

    private final Map<String, String> args;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String run = UUID.randomUUID().toString().substring(0, 6);
    private String token;

    private IngestLoad(Map<String, String> args) {
        this.args = args;
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = new java.util.HashMap<>();
        for (String a : argv) {
            int eq = a.indexOf('=');
            if (eq > 0) {
                args.put(a.substring(0, eq), a.substring(eq + 1));
            }
        }
        new IngestLoad(args).run();
        System.exit(0);
    }

    private String arg(String key, String fallback) {
        return args.getOrDefault(key, fallback);
    }

    private int intArg(String key, int fallback) {
        return Integer.parseInt(arg(key, Integer.toString(fallback)));
    }

    private void run() throws Exception {
        Path root = Path.of(arg("root", "."));
        String password = Files.readString(root.resolve(".plantwatch/admin-password")).strip();
        token = login(arg("auth", "http://127.0.0.1:8081"), password);
        System.out.printf(Locale.ROOT, "load run %s against ingest %s, Kafka %s, MQTT port %s%n", run,
                arg("ingest", "http://127.0.0.1:8082"), arg("kafka", "127.0.0.1:9092"), arg("mqttPort", "1883"));
        httpPhase();
        mqttPhase();
    }

    private String login(String auth, String password) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(auth + "/api/v1/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"login\":\"admin\",\"password\":\"" + password + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("login answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body()).get("accessToken").asText();
    }

    private void register(String id, String protocol) throws Exception {
        StringBuilder channels = new StringBuilder();
        for (String c : CHANNELS) {
            channels.append(channels.length() == 0 ? "" : ",").append("{\"name\":\"").append(c).append("\"}");
        }
        String body = "{\"id\":\"" + id + "\",\"name\":\"load " + id + "\",\"site\":\"load-test\",\"protocol\":\"" + protocol
                + "\",\"channels\":[" + channels + "]}";
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(arg("ingest", "http://127.0.0.1:8082") + "/api/v1/devices"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201 && r.statusCode() != 409) {
            throw new IllegalStateException("registering " + id + " answered " + r.statusCode() + ": " + r.body());
        }
    }

    private static String sampleJson(Instant ts, long i) {
        return "{\"ts\":\"" + ts + "\",\"values\":{\"voltage\":" + (229 + i % 3) + ".5,\"current\":1." + (i % 90 + 10)
                + ",\"power\":" + (300 + i % 50) + ".0,\"temperature\":41.25}}";
    }

    // ---------------------------------------------------------------------------------------------------- HTTP

    private void httpPhase() throws Exception {
        int workers = intArg("httpWorkers", 4);
        int batch = intArg("batch", 500);
        Duration duration = Duration.ofSeconds(intArg("httpSeconds", 20));
        long maxBatches = 100_000; // a hard bound whatever the speed
        String prefix = "load-h-" + run + "-";
        for (int w = 0; w < workers; w++) {
            register(prefix + w, "http");
        }
        AtomicLong accepted = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        AtomicLong batches = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        List<Long> latenciesMicros = Collections.synchronizedList(new ArrayList<>());
        try (KafkaCount count = new KafkaCount(arg("kafka", "127.0.0.1:9092"), prefix)) {
            ExecutorService pool = Executors.newFixedThreadPool(workers);
            long start = System.nanoTime();
            long end = start + duration.toNanos();
            List<Future<?>> jobs = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                String device = prefix + w;
                jobs.add(pool.submit(() -> {
                    Instant base = Instant.now().minus(Duration.ofHours(2));
                    long i = 0;
                    while (System.nanoTime() < end && batches.incrementAndGet() <= maxBatches) {
                        StringBuilder body = new StringBuilder(batch * 110).append("{\"deviceId\":\"").append(device).append("\",\"samples\":[");
                        for (int k = 0; k < batch; k++, i++) {
                            body.append(k == 0 ? "" : ",").append(sampleJson(base.plusMillis(i), i));
                        }
                        body.append("]}");
                        long t0 = System.nanoTime();
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(arg("ingest", "http://127.0.0.1:8082") + "/api/v1/ingest"))
                                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                                .timeout(Duration.ofSeconds(30))
                                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
                        latenciesMicros.add((System.nanoTime() - t0) / 1000);
                        if (r.statusCode() == 202) {
                            accepted.addAndGet(JSON.readTree(r.body()).get("accepted").asLong());
                        } else {
                            refused.addAndGet(batch);
                            if (r.statusCode() >= 500) {
                                failures.incrementAndGet();
                                Thread.sleep(200); // 503: the buffer is full, back off as Retry-After asks
                            } else {
                                throw new IllegalStateException("push answered " + r.statusCode() + ": " + r.body());
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> job : jobs) {
                job.get(duration.toSeconds() + 60, TimeUnit.SECONDS);
            }
            pool.shutdownNow();
            double acceptSeconds = (System.nanoTime() - start) / 1e9;
            long onKafka = count.awaitAtLeast(accepted.get(), DRAIN_LIMIT);
            double e2eSeconds = (count.lastArrivalNanos() - start) / 1e9;
            List<Long> sorted = new ArrayList<>(latenciesMicros);
            Collections.sort(sorted);
            System.out.printf(Locale.ROOT, "HTTP  %d workers, batches of %d: %d readings accepted (202) in %.1f s = %.0f readings/s"
                            + " (Kafka-confirmed before each 202); %d on plant.readings, last after %.1f s = %.0f readings/s end to end;"
                            + " %d readings refused in %d 5xx answers; batch latency p50 %.1f ms, p95 %.1f ms%n",
                    workers, batch, accepted.get(), acceptSeconds, accepted.get() / acceptSeconds, onKafka, e2eSeconds,
                    onKafka / e2eSeconds, refused.get(), failures.get(), pct(sorted, 0.50) / 1000.0, pct(sorted, 0.95) / 1000.0);
        }
    }

    // ---------------------------------------------------------------------------------------------------- MQTT

    private void mqttPhase() throws Exception {
        int devices = intArg("mqttDevices", 4);
        int messages = intArg("mqttMessages", 100_000);
        int inflight = intArg("mqttInflight", 1000);
        Duration sendLimit = Duration.ofSeconds(intArg("mqttSeconds", 60));
        String prefix = "load-m-" + run + "-";
        for (int d = 0; d < devices; d++) {
            register(prefix + d, "mqtt");
        }
        Vertx vertx = Vertx.vertx();
        MqttClient client = MqttClient.create(vertx, new MqttClientOptions().setClientId("load-" + run)
                .setMaxInflightQueue(inflight).setAutoKeepAlive(true));
        client.connect(intArg("mqttPort", 1883), "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        Semaphore window = new Semaphore(inflight);
        AtomicLong acked = new AtomicLong();
        client.publishCompletionHandler(id -> {
            acked.incrementAndGet();
            window.release();
        });
        try (KafkaCount count = new KafkaCount(arg("kafka", "127.0.0.1:9092"), prefix)) {
            Instant base = Instant.now().minus(Duration.ofHours(1));
            long start = System.nanoTime();
            long deadline = start + sendLimit.toNanos();
            int sent = 0;
            while (sent < messages && System.nanoTime() < deadline) {
                if (!window.tryAcquire(1, TimeUnit.SECONDS)) {
                    continue;
                }
                String device = prefix + (sent % devices);
                long i = sent / devices;
                client.publish("plantwatch/devices/" + device + "/telemetry", Buffer.buffer(sampleJson(base.plusMillis(i), i)),
                        MqttQoS.AT_LEAST_ONCE, false, false);
                sent++;
            }
            long ackDeadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (acked.get() < sent && System.nanoTime() < ackDeadline) {
                Thread.sleep(20);
            }
            double ackSeconds = (System.nanoTime() - start) / 1e9;
            long onKafka = count.awaitAtLeast(sent, DRAIN_LIMIT);
            double e2eSeconds = (count.lastArrivalNanos() - start) / 1e9;
            System.out.printf(Locale.ROOT, "MQTT  QoS 1, %d devices, %d in flight: %d published, %d PUBACKed in %.1f s = %.0f msg/s;"
                            + " %d readings on plant.readings, last after %.1f s = %.0f readings/s end to end%n",
                    devices, inflight, sent, acked.get(), ackSeconds, acked.get() / ackSeconds, onKafka, e2eSeconds, onKafka / e2eSeconds);
        } finally {
            client.disconnect();
            vertx.close();
        }
    }

    private static long pct(List<Long> sorted, double q) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
    }

    /** Counts readings of the run's devices on plant.readings from its current end, on its own thread. */
    private static final class KafkaCount implements AutoCloseable {

        private final KafkaConsumer<String, byte[]> consumer;
        private final Thread thread;
        private final AtomicLong count = new AtomicLong();
        private volatile long lastArrival;
        private volatile boolean stop;

        KafkaCount(String bootstrap, String keyPrefix) throws InterruptedException {
            consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.GROUP_ID_CONFIG, "load-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false", ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000),
                    new StringDeserializer(), new ByteArrayDeserializer());
            consumer.subscribe(List.of("plant.readings"));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (consumer.assignment().isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(100));
            }
            consumer.seekToEnd(consumer.assignment());
            consumer.assignment().forEach(consumer::position);
            thread = new Thread(() -> {
                while (!stop) {
                    for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                        if (r.key() != null && r.key().startsWith(keyPrefix)) {
                            count.incrementAndGet();
                            lastArrival = System.nanoTime();
                        }
                    }
                }
                consumer.close();
            }, "kafka-count");
            thread.start();
        }

        long awaitAtLeast(long n, Duration limit) throws InterruptedException {
            long deadline = System.nanoTime() + limit.toNanos();
            while (count.get() < n && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            return count.get();
        }

        long lastArrivalNanos() {
            return lastArrival;
        }

        @Override
        public void close() throws InterruptedException {
            stop = true;
            thread.join(5000);
        }
    }
}
