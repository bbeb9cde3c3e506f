package io.plantwatch.e2e.fault;

import io.plantwatch.local.stack.LocalStack;
import io.plantwatch.local.stack.Service;
import io.plantwatch.local.stack.StackConfig;
import io.restassured.http.ContentType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;

/**
 * A scaled-out PlantWatch stack of its own for the fault tests (they kill things, so not the shared stack): 3
 * detection-service instances, 2 ingest-service and 2 alert-service instances (the gateway balances over the ingest
 * ones), a Kafka broker whose {@code plant.readings} has 6 partitions, the MongoDB wire server on an H2 file (data
 * survive its restart) and the mail catcher, each its own process. Fresh data on every run.
 */
public final class FaultStack implements AutoCloseable {

    public static final int DETECTION_INSTANCES = 3;
    public static final int INGEST_INSTANCES = 2;
    public static final int ALERT_INSTANCES = 2;

    /**
     * Consumer timings for a test stack: a killed instance's partitions move after 10 s instead of Kafka's default 45 s
     * (read by Quarkus as the default Kafka configuration of every channel).
     */
    static final Map<String, String> TEST_TIMINGS = Map.of(
            "KAFKA_SESSION_TIMEOUT_MS", "10000",
            "KAFKA_HEARTBEAT_INTERVAL_MS", "1000",
            "PLANTWATCH_DETECTION_SNAPSHOT_INTERVAL", "3s",
            "PLANTWATCH_DETECTION_CONFIG_REFRESH_INTERVAL", "2s",
            "PLANTWATCH_INGEST_REGISTRY_REFRESH", "2s",
            "PLANTWATCH_ALERT_NOTIFY_OUTBOX_INITIAL_BACKOFF", "PT1S",
            "PLANTWATCH_ALERT_NOTIFY_OUTBOX_MAX_BACKOFF", "PT3S");

    private final LocalStack stack;
    private volatile String token;
    private volatile long tokenAt;

    private FaultStack(LocalStack stack) {
        this.stack = stack;
    }

    public static FaultStack start() {
        Path root = Path.of(System.getProperty("plantwatch.root", "../..")).toAbsolutePath().normalize();
        Path data = root.resolve("deploy/e2e/target/fault-stack");
        deleteTree(data);
        deleteTree(root.resolve(PipelineCounts.COUNTS_FILE));
        StackConfig base = StackConfig.forTest(root, data, false, TEST_TIMINGS);
        // 13 service JVMs start at once on 2 cores: C1 only spends less CPU on JIT while they start (the load is light)
        List<String> jvm = new ArrayList<>(base.serviceJvmOptions());
        jvm.add("-XX:TieredStopAtLevel=1");
        StackConfig config = new StackConfig(base.root(), base.dataDir(), base.servicePorts(), base.kafkaPort(),
                base.kafkaControllerPort(), base.mongoPort(), base.mqttPort(), base.smtpPort(), base.mailWebPort(),
                base.modbusSimPort(), base.externalKafka(), base.externalMongo(), base.simulators(), jvm,
                base.extraEnvironment());
        LocalStack stack = new LocalStack(config)
                .withInstances(Service.DETECTION, DETECTION_INSTANCES)
                .withInstances(Service.INGEST, INGEST_INSTANCES)
                .withInstances(Service.ALERT, ALERT_INSTANCES);
        Thread cleanup = new Thread(stack::down);
        Runtime.getRuntime().addShutdownHook(cleanup);
        stack.up();
        return new FaultStack(stack);
    }

    public LocalStack stack() {
        return stack;
    }

    public String gatewayUrl() {
        return stack.config().url(Service.GATEWAY);
    }

    public String mailApiUrl() {
        return "http://127.0.0.1:" + stack.config().mailWebPort() + "/api/messages";
    }

    /**
     * An admin access token, renewed after 5 minutes (tokens live 15 min); while auth-service or the gateway is down
     * (a fault test killed it) the current token is used a while longer.
     */
    public synchronized String token() {
        long age = System.nanoTime() - tokenAt;
        if (token == null || age > Duration.ofMinutes(5).toNanos()) {
            try {
                token = given().baseUri(gatewayUrl()).contentType(ContentType.JSON)
                        .body(Map.of("login", "admin", "password", stack.secrets().adminPassword()))
                        .post("/api/v1/auth/login").then().statusCode(200).extract().path("accessToken");
                tokenAt = System.nanoTime();
            } catch (AssertionError | Exception loginFailed) {
                if (token == null || age > Duration.ofMinutes(12).toNanos()) {
                    throw loginFailed;
                }
            }
        }
        return token;
    }

    /**
     * Registers the plan's devices (channels with the alarm range the plan keeps to; no expected period, so no
     * online/offline tracking: the plan's stream stops and pauses on purpose) and waits until every ingest instance
     * knows them.
     */
    public void register(ReadingPlan plan) {
        StringBuilder channels = new StringBuilder();
        for (int c = 0; c < plan.channels(); c++) {
            channels.append(c == 0 ? "" : ",").append("{\"name\":\"c").append(c).append("\",\"alarmLow\":")
                    .append(ReadingPlan.ALARM_LOW).append(",\"alarmHigh\":").append(ReadingPlan.ALARM_HIGH).append("}");
        }
        for (String device : plan.deviceIds()) {
            given().baseUri(gatewayUrl()).auth().oauth2(token()).contentType(ContentType.JSON)
                    .body("{\"id\":\"" + device + "\",\"name\":\"" + device + "\",\"site\":\"fault\",\"protocol\":\"http\","
                            + "\"enabled\":true,\"channels\":[" + channels + "]}")
                    .post("/api/v1/devices").then().statusCode(org.hamcrest.Matchers.lessThan(300));
        }
        for (String instance : stack.instanceNames(Service.INGEST)) {
            for (String device : plan.deviceIds()) {
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                        .untilAsserted(() -> given().baseUri(stack.instanceUrl(instance)).auth().oauth2(token())
                                .get("/api/v1/devices/" + device).then().statusCode(200));
            }
        }
    }

    @Override
    public void close() {
        stack.down();
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
