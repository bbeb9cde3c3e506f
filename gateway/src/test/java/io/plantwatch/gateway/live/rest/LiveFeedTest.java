package io.plantwatch.gateway.live.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.plantwatch.contracts.Topics;
import io.plantwatch.contracts.event.AlarmChange;
import io.plantwatch.contracts.event.AlarmEvent;
import io.plantwatch.contracts.event.AlarmStatus;
import io.plantwatch.contracts.event.AnomalyEvent;
import io.plantwatch.contracts.event.AnomalyType;
import io.plantwatch.contracts.event.DeviceEvent;
import io.plantwatch.contracts.event.Quality;
import io.plantwatch.contracts.event.Reading;
import io.plantwatch.contracts.event.Severity;
import io.plantwatch.contracts.event.Source;
import io.plantwatch.gateway.testing.EventSender;
import io.plantwatch.gateway.testing.SseClient;
import io.plantwatch.gateway.testing.UpstreamStubs;
import io.plantwatch.local.testing.JwtTestResource;
import io.plantwatch.local.testing.KafkaTestResource;
import io.plantwatch.local.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.plantwatch.gateway.testing.SseClient.seconds;
import static io.plantwatch.gateway.testing.SseClient.type;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /api/v1/live} over real HTTP, fed from the real Kafka broker: events in order and complete for a fast
 * client, filters by device and site, readings downsampled for screens, and a stalled client that loses only its own
 * events while the pipeline and the other clients go on.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(UpstreamStubs.class)
class LiveFeedTest {

    private static final EventSender SENDER = new EventSender();
    private static final String VIEWER = TestTokens.user("live-viewer", "viewer");

    @TestHTTPResource("/api/v1/live")
    URI live;

    @AfterAll
    static void closeSender() {
        SENDER.close();
    }

    @Test
    void onlySignedInPeopleWithARoleMayListenAndBadFiltersAre400() {
        given().get("/api/v1/live").then().statusCode(401);
        given().auth().oauth2(TestTokens.device("pump-1")).get("/api/v1/live").then().statusCode(403);
        given().auth().oauth2(VIEWER).queryParam("types", "anomaly,gossip").get("/api/v1/live").then().statusCode(400)
                .body("fields[0].field", equalTo("types"));
    }

    @Test
    void aFastClientGetsEveryEventInOrderAndOnlyItsDevice() throws Exception {
        String device = "ordered-" + System.nanoTime();
        String other = device + "-other";
        try (SseClient client = new SseClient(URI.create(live + "?deviceId=" + device + "&types=anomaly,alarm"), VIEWER)) {
            assertEquals(200, client.status());
            client.until(type("hello"), seconds(10));
            warmUp(client, device, true);

            // sent in rounds the client takes before the next: "fast" means it keeps up, whatever the machine's load
            int anomalies = 600;
            int round = 50;
            int alarms = 0;
            List<JsonNode> got = new ArrayList<>();
            for (int start = 0; start < anomalies; start += round) {
                int roundAlarms = 0;
                for (int i = start; i < start + round; i++) {
                    SENDER.send(Topics.ANOMALIES, device, anomaly(device, "n=" + i, 0));
                    SENDER.send(Topics.ANOMALIES, other, anomaly(other, "n=" + i, 0));
                    if (i % 5 == 0) {
                        SENDER.send(Topics.ALARMS, device + "|pressure", alarm(device, i / 5));
                        roundAlarms++;
                    }
                }
                SENDER.flush();
                alarms += roundAlarms;
                got.addAll(client.take(round + roundAlarms, e -> type("anomaly").test(e) || type("alarm").test(e),
                        seconds(60)));
            }
            got.removeIf(type("heartbeat"));

            List<Integer> anomalyOrder = new ArrayList<>();
            List<Long> alarmOrder = new ArrayList<>();
            long previousSeq = -1;
            for (JsonNode e : got) {
                assertTrue(!type("gap").test(e), "a fast client loses nothing: " + e);
                assertEquals(device, e.path("deviceId").asText(), "only the device asked for");
                long seq = e.path("seq").asLong();
                assertTrue(previousSeq < 0 || seq == previousSeq + 1, "seq has no holes: " + previousSeq + " → " + seq);
                previousSeq = seq;
                if (type("anomaly").test(e)) {
                    anomalyOrder.add(Integer.parseInt(e.path("data").path("message").asText().substring(2)));
                } else if (type("alarm").test(e)) {
                    alarmOrder.add(e.path("data").path("revision").asLong());
                }
            }
            assertEquals(range(anomalies), anomalyOrder, "every anomaly, in order");
            for (int i = 0; i < alarms; i++) {
                assertEquals(i, alarmOrder.get(i), "every alarm change, in order");
            }
        }
    }

    @Test
    void aSiteFilterFollowsTheRegistry() throws Exception {
        String site = "site-" + System.nanoTime();
        String sited = site + "-pump";
        String elsewhere = site + "-elsewhere";
        SENDER.send(Topics.DEVICES, sited, new DeviceEvent(DeviceEvent.SCHEMA_VERSION, sited, "Pump", site, "line-1",
                "http", true, false, List.of(), 1, Instant.now()));
        SENDER.send(Topics.DEVICES, elsewhere, new DeviceEvent(DeviceEvent.SCHEMA_VERSION, elsewhere, "Other",
                site + "-b", "line-1", "http", true, false, List.of(), 1, Instant.now()));
        SENDER.flush();
        try (SseClient client = new SseClient(URI.create(live + "?site=" + site + "&types=anomaly"), VIEWER)) {
            client.until(type("hello"), seconds(10));
            warmUp(client, sited, false);
            // same key, so Kafka keeps them in this order: when "end" arrives, "foreign" would have come before it
            SENDER.send(Topics.ANOMALIES, sited, anomaly(elsewhere, "foreign", 0));
            SENDER.send(Topics.ANOMALIES, sited, anomaly(sited, "end", 0));
            SENDER.flush();
            List<JsonNode> got = client.until(e -> "end".equals(e.path("data").path("message").asText()), seconds(30));
            assertTrue(got.stream().noneMatch(e -> "foreign".equals(e.path("data").path("message").asText())),
                    "a device of another site is filtered out: " + got);
            assertEquals(site, got.get(got.size() - 1).path("site").asText());
        }
    }

    @Test
    void readingsAreDownsampledForTheScreenWithTheirEnvelope() throws Exception {
        String device = "fast-meter-" + System.nanoTime();
        try (SseClient client = new SseClient(URI.create(live + "?deviceId=" + device + "&types=reading"), VIEWER)) {
            client.until(type("hello"), seconds(10));
            long sent = 0;
            List<JsonNode> first = null;
            for (int i = 0; i < 100 && first == null; i++) {
                SENDER.send(Topics.READINGS, device, reading(device, Instant.now(), 1.0));
                SENDER.flush();
                sent++;
                try {
                    first = client.until(type("reading"), Duration.ofMillis(500));
                } catch (AssertionError notYet) {
                    // consumer not yet assigned
                }
            }
            assertTrue(first != null, "the reading consumer is up");
            Thread.sleep(600); // let the throttle interval (0.5 s in tests) pass, so the burst starts a new window
            client.drainNow();
            Instant start = Instant.now();
            int burst = 60;
            double lastValue = 0;
            for (int i = 0; i < burst; i++) {
                lastValue = i == 17 ? 99.0 : (i == 31 ? -5.0 : 10 + i * 0.1);
                SENDER.send(Topics.READINGS, device, reading(device, start.plusMillis(i * 5L), lastValue));
            }
            SENDER.flush();
            double expectedLast = lastValue;
            List<JsonNode> got = client.until(e -> type("reading").test(e)
                    && e.path("data").path("values").path("flow").asDouble() == expectedLast, seconds(20));
            List<JsonNode> readings = got.stream().filter(type("reading")).toList();
            assertTrue(readings.size() < burst / 4, "downsampled: " + readings.size() + " points for " + burst + " readings");
            double min = readings.stream().mapToDouble(e -> e.path("data").path("min").path("flow").asDouble()).min().orElseThrow();
            double max = readings.stream().mapToDouble(e -> e.path("data").path("max").path("flow").asDouble()).max().orElseThrow();
            int samples = readings.stream().mapToInt(e -> e.path("data").path("samples").asInt()).sum();
            assertEquals(-5.0, min, "the dip between points still shows");
            assertEquals(99.0, max, "the spike between points still shows");
            assertEquals(burst, samples, "every reading is in exactly one point");
        }
    }

    @Test
    void aStalledClientLosesOnlyItsOwnEventsAndThePipelineGoesOn() throws Exception {
        String device = "stalled-" + System.nanoTime();
        String padding = "x".repeat(40_000);
        try (SseClient fast = new SseClient(URI.create(live + "?deviceId=" + device + "&types=anomaly"), VIEWER);
             Socket stalled = new Socket()) {
            fast.until(type("hello"), seconds(10));
            stalled.setReceiveBufferSize(4096);
            stalled.connect(new InetSocketAddress(live.getHost(), live.getPort()), 5000);
            OutputStream out = stalled.getOutputStream();
            out.write(("GET " + live.getPath() + "?deviceId=" + device + "&types=anomaly HTTP/1.1\r\nHost: "
                    + live.getHost() + "\r\nAccept: text/event-stream\r\nAuthorization: Bearer " + VIEWER
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            warmUp(fast, device, false);

            // 600 events of ~40 kB = ~24 MB: far more than socket buffers plus the 300-event client queue; sent in
            // rounds the fast client takes before the next, so that "fast" holds whatever the machine's load
            int total = 600;
            int round = 50;
            List<JsonNode> got = new ArrayList<>();
            for (int start = 0; start < total; start += round) {
                for (int i = start; i < start + round; i++) {
                    SENDER.send(Topics.ANOMALIES, device, anomaly(device, "n=" + i + " " + padding, 0));
                }
                SENDER.flush();
                got.addAll(fast.take(round, type("anomaly"), seconds(60)));
            }
            assertTrue(got.stream().noneMatch(type("gap")), "the fast client lost nothing while the other one stalled");

            // the stalled client reads at last; once it has taken what was queued for it, new events fit again and
            // are preceded by a gap event
            BufferedReader reader = new BufferedReader(new InputStreamReader(stalled.getInputStream(), StandardCharsets.UTF_8));
            java.util.concurrent.BlockingQueue<String> lines = new java.util.concurrent.LinkedBlockingQueue<>();
            String closed = "\u0000closed";
            Thread lineReader = new Thread(() -> {
                try {
                    for (String l = reader.readLine(); l != null; l = reader.readLine()) {
                        lines.add(l);
                    }
                } catch (java.io.IOException ignored) {
                    // the socket is closed at the end of the test
                }
                lines.add(closed);
            });
            lineReader.setDaemon(true);
            lineReader.start();
            int tail = 5;
            boolean tailSent = false;
            int idle = 0;
            long received = 0;
            long dropped = 0;
            int afterSeen = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (afterSeen < tail && System.nanoTime() < deadline) {
                if (!tailSent && (received >= 300 || idle >= 5)) {
                    for (int i = 0; i < tail; i++) {
                        SENDER.send(Topics.ANOMALIES, device, anomaly(device, "after-" + i, 0));
                    }
                    SENDER.flush();
                    tailSent = true;
                }
                String line = lines.poll(200, java.util.concurrent.TimeUnit.MILLISECONDS);
                if (line == null) {
                    idle++;
                    continue;
                }
                if (line == closed) {
                    break;
                }
                int data = line.indexOf("data:");
                if (data < 0) {
                    continue;
                }
                JsonNode e = io.plantwatch.contracts.json.EventJson.fromJson(line.substring(data + 5).trim(), JsonNode.class);
                if (type("gap").test(e)) {
                    dropped += e.path("data").path("dropped").asLong();
                } else if (type("anomaly").test(e)) {
                    String message = e.path("data").path("message").asText();
                    if (message.startsWith("n=") || message.startsWith("after-")) {
                        received++;
                    }
                    if (message.startsWith("after-")) {
                        afterSeen++;
                    }
                }
            }
            assertEquals(tail, afterSeen, "the stalled client gets new events once it reads again");
            assertTrue(dropped > 0, "the stalled client lost events, and was told how many");
            assertEquals(total + tail, received + dropped,
                    "every event was either delivered to the stalled client or counted as dropped");
        }
    }

    // --- helpers ---

    /** Sends probe anomalies (and alarms, when the client asked for them) until the client sees them: the feed's consumers are assigned. */
    private void warmUp(SseClient client, String device, boolean wantsAlarms) throws Exception {
        boolean anomalySeen = false;
        boolean alarmSeen = !wantsAlarms;
        for (int i = 0; i < 120 && !(anomalySeen && alarmSeen); i++) {
            if (!anomalySeen) {
                SENDER.send(Topics.ANOMALIES, device, anomaly(device, "probe", 0));
            }
            if (!alarmSeen) {
                SENDER.send(Topics.ALARMS, "probe|" + device, alarm(device, -1));
            }
            SENDER.flush();
            for (JsonNode e : collect(client, Duration.ofMillis(400))) {
                anomalySeen |= type("anomaly").test(e);
                alarmSeen |= type("alarm").test(e);
            }
        }
        assertTrue(anomalySeen, "the anomaly consumer of the live feed is up");
        assertTrue(alarmSeen, "the alarm consumer of the live feed is up");
        Thread.sleep(300);
        client.drainNow();
    }

    private static List<JsonNode> collect(SseClient client, Duration wait) throws InterruptedException {
        Thread.sleep(wait.toMillis());
        return client.drainNow();
    }

    private static List<Integer> range(int n) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(i);
        }
        return out;
    }

    static AnomalyEvent anomaly(String device, String message, double value) {
        return new AnomalyEvent(AnomalyEvent.SCHEMA_VERSION, device + "-" + message.hashCode() + "-" + System.nanoTime(),
                "r-1", device, "pressure", List.of("pressure"), Instant.now(), "zscore", null, AnomalyType.SPIKE,
                Severity.MAJOR, 6.1, 4.0, value, 1.0, 3.0, message, null);
    }

    static AlarmEvent alarm(String device, long revision) {
        return new AlarmEvent(AlarmEvent.SCHEMA_VERSION, device + "#" + revision, device + "|pressure|SPIKE#1", revision,
                device, null, "pressure", AnomalyType.SPIKE, Severity.MAJOR, AlarmStatus.ACTIVE_UNACK, revision + 1,
                Instant.now(), Instant.now(), null, AlarmChange.UPDATED, "system", Instant.now(), 9.5, "pressure high");
    }

    static Reading reading(String device, Instant ts, double flow) {
        return Reading.of(device + "@" + ts.toEpochMilli(), device, ts, Instant.now(), Source.HTTP, Map.of("flow", flow),
                Quality.GOOD);
    }
}
