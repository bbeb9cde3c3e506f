package io.plantwatch.e2e.fault;

import io.plantwatch.local.stack.Service;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scale-out and fault tolerance on one scaled-out stack ({@link FaultStack}): each scenario streams its own
 * deterministic {@link ReadingPlan} (its own devices) through the gateway, injects a fault mid-stream, and then
 * requires exact counts: every reading in history once, every planned anomaly once (by its stable id), one alarm per
 * planned anomaly that folded it once. Every scenario runs with 3 detection, 2 ingest and 2 alert instances, so
 * dedup across instances is part of each. Runs first among the e2e classes, and stops its stack when done.
 */
@Order(1)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleOutFaultE2ETest {

    private static final int CHANNELS = 4;
    private static final Duration SETTLE = Duration.ofSeconds(120);
    private static FaultStack fault;

    @BeforeAll
    static void startScaledStack() {
        fault = FaultStack.start();
        // only static limits judge: deterministic, no warm-up, and no MISSING anomalies when a fault pauses the stream
        Map<String, Object> channels = new LinkedHashMap<>();
        for (int c = 0; c < CHANNELS; c++) {
            channels.put("c" + c, Map.of("alarmLow", ReadingPlan.ALARM_LOW, "alarmHigh", ReadingPlan.ALARM_HIGH));
        }
        given().baseUri(fault.gatewayUrl()).auth().oauth2(fault.token()).contentType(ContentType.JSON)
                .body(Map.of("detectors", List.of("threshold"), "channels", channels))
                .put("/api/v1/detection/config").then().statusCode(200);
        for (String instance : fault.stack().instanceNames(Service.DETECTION)) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    given().baseUri(fault.stack().instanceUrl(instance)).auth().oauth2(fault.token())
                            .get("/api/v1/detection/config/probe").then().statusCode(200)
                            .body("effective.detectors", org.hamcrest.Matchers.contains("threshold")));
        }
    }

    @AfterAll
    static void stopScaledStack() {
        if (fault != null) {
            fault.close();
        }
    }

    @Test
    @Order(1)
    void threeDetectionInstancesShareSixPartitionsAndOneKilledLosesNothing() throws Exception {
        List<String> detection = fault.stack().instanceNames(Service.DETECTION);
        assertEquals(3, detection.size());
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            Map<String, List<Integer>> owned = ownedPartitions(detection);
            assertTrue(owned.values().stream().noneMatch(List::isEmpty), "each instance owns partitions: " + owned);
            assertEquals(List.of(0, 1, 2, 3, 4, 5), union(owned), "one group over the 6 partitions: " + owned);
        });

        String victim = detection.get(1);
        run("detection: 1 of 3 killed", plan("scale", 6, 60, 5), 150, driver -> {
            fault.stack().kill(victim);
            midStream(driver, "kill -9 " + victim);
            List<String> survivors = detection.stream().filter(n -> !n.equals(victim)).toList();
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    assertEquals(List.of(0, 1, 2, 3, 4, 5), union(ownedPartitions(survivors)),
                            "the survivors took over the killed instance's partitions"));
        });
        fault.stack().start(victim);
    }

    @Test
    @Order(2)
    void kafkaBrokerStoppedForTwentySeconds() throws Exception {
        run("kafka: stopped 20 s", plan("kafka", 4, 60, 5), 100, driver -> {
            fault.stack().stop("kafka");
            midStream(driver, "Kafka stopped");
            sleep(Duration.ofSeconds(20));
            fault.stack().start("kafka");
        });
    }

    @Test
    @Order(3)
    void everyServiceKilledAndRestartedInTurn() throws Exception {
        List<String> victims = List.of("ingest-service", "detection-service", "alert-service", "report-service",
                "gateway", "auth-service");
        run("each service: kill -9 + restart", plan("kill", 4, 200, 5), 500, driver -> {
            for (String victim : victims) {
                fault.stack().kill(victim);
                midStream(driver, "kill -9 " + victim);
                fault.stack().start(victim);
            }
        });
    }

    @Test
    @Order(4)
    void mongoWireServerRestarted() throws Exception {
        run("mongo: restarted", plan("mongo", 4, 60, 5), 100, driver -> {
            fault.stack().stop("mongo");
            midStream(driver, "MongoDB stopped");
            sleep(Duration.ofSeconds(5));
            fault.stack().start("mongo");
        });
    }

    @Test
    @Order(5)
    void smtpDownThenEveryMailDeliveredOnce() {
        String user = "mail-fault";
        given().baseUri(fault.gatewayUrl()).contentType(ContentType.JSON)
                .body(Map.of("username", user, "email", "mail-fault@plant.example", "password", "fault tolerant 2026"))
                .post("/api/v1/auth/register").then().statusCode(201);
        // alert-service learns users from Kafka: a first mail, with SMTP up, proves the path
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
                sendMail(user, "fault-warm-up").statusCode() == 202);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
                mailsBySubject().getOrDefault("[PlantWatch] fault-warm-up", 0) == 1);

        fault.stack().stop("mail");
        int mails = 6;
        for (int i = 0; i < mails; i++) {
            assertEquals(202, sendMail(user, "fault-mail-" + i).statusCode());
        }
        // every mail is tried and fails while SMTP is down (a new mail catcher starts empty)
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            List<Map<String, Object>> log = given().baseUri(fault.gatewayUrl()).auth().oauth2(fault.token())
                    .queryParam("recipient", user).queryParam("size", 100).get("/api/v1/notifications/log").then()
                    .statusCode(200).extract().jsonPath().getList("$");
            long failedOnce = log.stream().filter(e -> String.valueOf(e.get("subject")).startsWith("[PlantWatch] fault-mail-"))
                    .filter(e -> ((Number) e.get("attempts")).intValue() >= 1 && "QUEUED".equals(e.get("state"))).count();
            assertEquals(mails, failedOnce, "every mail attempted and still queued: " + log);
        });
        fault.stack().start("mail");

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            Map<String, Integer> received = mailsBySubject();
            for (int i = 0; i < mails; i++) {
                assertEquals(1, received.getOrDefault("[PlantWatch] fault-mail-" + i, 0), "fault-mail-" + i + ": " + received);
            }
        });
        List<Map<String, Object>> log = given().baseUri(fault.gatewayUrl()).auth().oauth2(fault.token())
                .queryParam("recipient", user).queryParam("state", "SENT").queryParam("size", 100)
                .get("/api/v1/notifications/log").then().statusCode(200).extract().jsonPath().getList("$");
        assertEquals(mails + 1, log.size(), "every mail marked sent once");
        int delivered = mailsBySubject().entrySet().stream().filter(e -> e.getKey().startsWith("[PlantWatch] fault-mail-"))
                .mapToInt(Map.Entry::getValue).sum();
        assertEquals(mails, delivered, "each mail delivered exactly once");
        PipelineCounts.record(String.format("%-34s mails queued while down=%d delivered after=%d (each once)",
                "smtp: down, then back", mails, delivered));
    }

    @Test
    @Order(6)
    void twoIngestInstancesRaiseNoFalseOfflineAlarmAndASilentDeviceGoesOfflineOnce() throws Exception {
        assertEquals(2, fault.stack().instanceNames(Service.INGEST).size());
        String prefix = "live-" + Long.toString(System.nanoTime() % 100_000, 36);
        // two devices sending in turn through a gateway that balances in turn over two instances: each device lands on
        // one instance only, and the other instance never receives it
        List<String> devices = List.of(prefix + "-0", prefix + "-1");
        int periodSeconds = 5;
        Duration limit = Duration.ofSeconds(3L * periodSeconds); // ingest's offline-after-periods = 3
        for (String device : devices) {
            given().baseUri(fault.gatewayUrl()).auth().oauth2(fault.token()).contentType(ContentType.JSON)
                    .body("{\"id\":\"" + device + "\",\"name\":\"" + device + "\",\"site\":\"fault\",\"protocol\":\"http\","
                            + "\"enabled\":true,\"channels\":[{\"name\":\"c0\",\"expectedPeriodSeconds\":" + periodSeconds + "}]}")
                    .post("/api/v1/devices").then().statusCode(201);
        }
        for (String instance : fault.stack().instanceNames(Service.INGEST)) {
            for (String device : devices) {
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                        given().baseUri(fault.stack().instanceUrl(instance)).auth().oauth2(fault.token())
                                .get("/api/v1/devices/" + device).then().statusCode(200));
            }
        }
        try (LivenessStream stream = new LivenessStream(fault.gatewayUrl(), fault::token, devices, 200,
                Duration.ofSeconds(180)).start()) {
            // 2.5 offline limits of streaming
            sleep(limit.multipliedBy(5).dividedBy(2));
            assertTrue(stream.running(), "the stream runs");
            for (String device : devices) {
                assertTrue(stream.longestGapMillis(device) > 0 && stream.longestGapMillis(device) < limit.toMillis() / 2,
                        device + " streamed steadily (longest gap " + stream.longestGapMillis(device) + " ms; accepted "
                                + stream.accepted() + ", failed " + stream.failed() + ": " + stream.lastFailure() + ")");
            }
            assertEquals(Map.of(), offlineAlarms(devices), "no OFFLINE alarm while every device streams");

            String silent = devices.get(0);
            stream.stop(silent);
            await().atMost(limit.multipliedBy(4)).pollInterval(Duration.ofMillis(500)).until(() ->
                    offlineAlarms(List.of(silent)).containsKey(silent));
            // another offline limit passes while the other device streams on: the silent one is not reported again
            sleep(limit);
            assertTrue(stream.running(), "the other device still streams");
            String streaming = devices.get(1);
            assertTrue(stream.longestGapMillis(streaming) < limit.toMillis() / 2,
                    streaming + " streamed steadily (longest gap " + stream.longestGapMillis(streaming) + " ms)");
            Map<String, List<Map<String, Object>>> offline = offlineAlarms(devices);
            assertEquals(List.of(silent), new ArrayList<>(offline.keySet()), "only the silent device is offline: " + offline);
            assertEquals(1, offline.get(silent).size(), "one OFFLINE alarm: " + offline);
            int folds = ((Number) offline.get(silent).get(0).get("count")).intValue();
            assertEquals(1, folds, "the OFFLINE status reported once (one instance decides): " + offline);
            PipelineCounts.record(String.format("%-34s devices=%d samples accepted=%d failed=%d; OFFLINE alarms: "
                    + "streaming device=0, silent device=1 (folded %d)", "liveness: 2 ingest instances", devices.size(),
                    stream.accepted(), stream.failed(), folds));
        }
    }

    /** OFFLINE alarms by device (devices without one left out). */
    private static Map<String, List<Map<String, Object>>> offlineAlarms(List<String> devices) {
        Map<String, List<Map<String, Object>>> offline = new LinkedHashMap<>();
        for (String device : devices) {
            List<Map<String, Object>> alarms = given().baseUri(fault.gatewayUrl()).auth().oauth2(fault.token())
                    .queryParam("deviceId", device).queryParam("size", 100).get("/api/v1/alarms").then().statusCode(200)
                    .extract().jsonPath().getList("$");
            List<Map<String, Object>> ofType = alarms.stream().filter(a -> "OFFLINE".equals(a.get("type"))).toList();
            if (!ofType.isEmpty()) {
                offline.put(device, ofType);
            }
        }
        return offline;
    }

    // ------------------------------------------------------------------ helpers

    private static ReadingPlan plan(String prefix, int devices, int readings, int batchSize) {
        Instant start = Instant.now().minusSeconds(readings + 120L).truncatedTo(ChronoUnit.SECONDS);
        return new ReadingPlan(prefix + "-" + Long.toString(System.nanoTime() % 100_000, 36), devices, readings,
                CHANNELS, batchSize, start);
    }

    /** Streams the plan, runs the fault once a third is accepted, waits for the stream, checks exact counts. */
    private static void run(String scenario, ReadingPlan plan, long pauseMillis, Consumer<PlanDriver> faultAction)
            throws Exception {
        fault.register(plan);
        try (PlanDriver driver = new PlanDriver(fault.gatewayUrl(), fault::token, plan, pauseMillis).start()) {
            driver.awaitProgress(0.3, Duration.ofSeconds(90));
            faultAction.accept(driver);
            driver.awaitDone(Duration.ofSeconds(300));
            PipelineCounts[] last = new PipelineCounts[1];
            try {
                await().atMost(SETTLE).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                    last[0] = PipelineCounts.read(fault.gatewayUrl(), fault::token, plan);
                    last[0].assertExact();
                });
            } finally {
                if (last[0] != null) {
                    PipelineCounts.record(last[0].line(scenario, driver));
                }
            }
        }
    }

    private static void midStream(PlanDriver driver, String fault) {
        assertTrue(driver.progress() < 1.0, fault + " happened after the stream ended (progress " + driver.progress() + ")");
    }

    private static Map<String, List<Integer>> ownedPartitions(List<String> instances) {
        Map<String, List<Integer>> owned = new LinkedHashMap<>();
        for (String instance : instances) {
            owned.put(instance, given().baseUri(fault.stack().instanceUrl(instance)).auth().oauth2(fault.token())
                    .get("/api/v1/detection/status").then().statusCode(200).extract().jsonPath()
                    .getList("engine.ownedPartitions", Integer.class));
        }
        return owned;
    }

    private static List<Integer> union(Map<String, List<Integer>> owned) {
        TreeSet<Integer> all = new TreeSet<>();
        owned.values().forEach(all::addAll);
        int total = owned.values().stream().mapToInt(List::size).sum();
        assertEquals(all.size(), total, "no partition owned twice: " + owned);
        return new ArrayList<>(all);
    }

    private static Response sendMail(String user, String subject) {
        return given().baseUri(fault.gatewayUrl()).auth().oauth2(fault.token()).contentType(ContentType.JSON)
                .body(Map.of("subject", subject, "message", "fault test " + subject, "users", List.of(user)))
                .post("/api/v1/notifications/send");
    }

    private static Map<String, Integer> mailsBySubject() {
        List<Map<String, Object>> messages = given().get(fault.mailApiUrl()).then().statusCode(200).extract().jsonPath()
                .getList("$");
        Map<String, Integer> bySubject = new HashMap<>();
        for (Map<String, Object> m : messages) {
            bySubject.merge(String.valueOf(m.get("subject")), 1, Integer::sum);
        }
        return bySubject;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
