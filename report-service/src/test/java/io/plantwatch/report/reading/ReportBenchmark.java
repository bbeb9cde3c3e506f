package io.plantwatch.report.reading;

import io.plantwatch.contracts.event.Reading;
import io.plantwatch.local.testing.JwtTestResource;
import io.plantwatch.local.testing.KafkaTestResource;
import io.plantwatch.local.testing.MongoTestResource;
import io.plantwatch.local.testing.SmtpTestResource;
import io.plantwatch.local.testing.TestTokens;
import io.plantwatch.report.reading.repository.RawBucketStore;
import io.plantwatch.report.testing.Events;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Measurements, not checks (run with {@code -Pbenchmark}; excluded from the normal build): the sustained rate at
 * which report-service stores readings it consumes from plant.readings (bucket writes, 1 min and 1 h rollups,
 * latest values), and the latency of a 7-day series query over 1 Hz data. The data: {@value #DEVICES} devices,
 * 7 days at 1 Hz, 2 channels each, published on the real topic as ingest would. Numbers are printed; what is
 * asserted is only that every reading was stored once and that the query answered within maxPoints.
 */
@QuarkusTest
@Tag("benchmark")
@WithTestResource(KafkaTestResource.class)
@WithTestResource(MongoTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(SmtpTestResource.class)
class ReportBenchmark {

    private static final int DEVICES = 2;
    private static final int SECONDS = 7 * 24 * 3600;
    private static final int CHUNK = 50_000;
    private static final int QUERY_WARMUP = 5;
    private static final int QUERY_RUNS = 50;

    @Inject
    RawBucketStore raw;

    @Test
    void sustainedWriteRateAndSevenDaySeriesLatency() {
        String run = Long.toString(System.currentTimeMillis() % 100_000);
        Instant end = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant start = end.minusSeconds(SECONDS);
        List<String> devices = new ArrayList<>();
        for (int d = 0; d < DEVICES; d++) {
            devices.add("bench-" + run + "-" + d);
        }

        // --- writes: everything published in time order (device-interleaved, as many meters would send it)
        long t0 = System.nanoTime();
        long published = 0;
        List<Reading> chunk = new ArrayList<>(CHUNK);
        for (int s = 0; s < SECONDS; s++) {
            Instant ts = start.plusSeconds(s);
            for (String device : devices) {
                chunk.add(Events.reading(device, ts, Map.of("power", 3000.0 + (s % 600), "voltage", 230.0 + Math.sin(s / 30.0))));
            }
            if (chunk.size() >= CHUNK) {
                Events.readings(chunk);
                published += chunk.size();
                chunk = new ArrayList<>(CHUNK);
            }
        }
        Events.readings(chunk);
        published += chunk.size();
        double publishSeconds = (System.nanoTime() - t0) / 1e9;
        Instant last = end.minusSeconds(1);
        // each device's readings are in one partition, consumed in order: its last one stored means all are
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(200)).ignoreExceptions().untilAsserted(() -> {
            for (String device : devices) {
                assertEquals(last.toString(), given().auth().oauth2(TestTokens.viewer()).queryParam("deviceId", device)
                        .get("/api/v1/data/latest").then().statusCode(200).extract().jsonPath().getString("[0].ts"));
            }
        });
        double storeSeconds = (System.nanoTime() - t0) / 1e9;
        AtomicLong stored = new AtomicLong();
        raw.forEachSample(devices.get(0), start, end, Set.of(), (ts, values, quality) -> stored.incrementAndGet());
        assertEquals(SECONDS, stored.get(), "every reading stored once");

        // --- reads: 7 days of one device into at most 1000 points (1-minute rollups merged into 11-minute buckets)
        String device = devices.get(0);
        long[] micros = new long[QUERY_RUNS];
        String resolution = null;
        int points = 0;
        for (int i = 0; i < QUERY_WARMUP + QUERY_RUNS; i++) {
            long q0 = System.nanoTime();
            Response r = given().auth().oauth2(TestTokens.viewer()).queryParam("channels", "power,voltage")
                    .queryParam("from", start.toString()).queryParam("to", end.toString()).queryParam("maxPoints", 1000)
                    .get("/api/v1/devices/" + device + "/series").then().statusCode(200).extract().response();
            long took = (System.nanoTime() - q0) / 1000;
            if (i >= QUERY_WARMUP) {
                micros[i - QUERY_WARMUP] = took;
            }
            resolution = r.header("X-Resolution");
            points = r.jsonPath().getList("$").size();
        }
        assertTrue(points > 0 && points <= 1000, "points: " + points);
        Arrays.sort(micros);
        System.out.printf(Locale.ROOT, "%n[report benchmark] %d readings (%d devices x 7 days at 1 Hz, 2 channels) published in %.1f s"
                        + " (%.0f/s); all stored after %.1f s: sustained write rate %.0f readings/s%n",
                published, DEVICES, publishSeconds, published / publishSeconds, storeSeconds, published / storeSeconds);
        System.out.printf(Locale.ROOT, "[report benchmark] 7-day series, 2 channels, maxPoints=1000 (%s, %d points), %d runs:"
                        + " p50 %.1f ms, p95 %.1f ms, max %.1f ms%n%n",
                resolution, points, QUERY_RUNS, micros[QUERY_RUNS / 2] / 1000.0,
                micros[(int) Math.ceil(0.95 * QUERY_RUNS) - 1] / 1000.0, micros[QUERY_RUNS - 1] / 1000.0);
    }
}
