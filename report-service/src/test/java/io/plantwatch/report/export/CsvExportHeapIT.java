package io.plantwatch.report.export;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.plantwatch.contracts.event.Reading;
import io.plantwatch.local.testing.JwtTestResource;
import io.plantwatch.local.testing.KafkaTestResource;
import io.plantwatch.local.testing.MongoTestResource;
import io.plantwatch.local.testing.TestTokens;
import io.plantwatch.report.reading.repository.LatestStore;
import io.plantwatch.report.reading.repository.RawBucketStore;
import io.plantwatch.report.reading.repository.RollupStore;
import io.plantwatch.report.reading.service.ReadingWriter;
import io.plantwatch.report.testing.Events;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged service, started as its own process with a 256 MB heap ({@code quarkus.test.arg-line}), streams a CSV
 * export of 1,000,000 rows (500,000 samples of two channels, ~5.8 days at 1 Hz) from the database to the client.
 * The data is written with the service's own storage code straight into the wire server.
 */
@QuarkusIntegrationTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(MongoTestResource.class)
@WithTestResource(JwtTestResource.class)
class CsvExportHeapIT {

    private static final String DEVICE = "heap-1";
    private static final int SAMPLES = 500_000;
    private static final long HEAP_CAP = 256L * 1024 * 1024;

    @Test
    void millionRowCsvStreamsUnderA256MbHeap() throws Exception {
        Instant start = Instant.now().minus(Duration.ofDays(7)).truncatedTo(ChronoUnit.HOURS);
        try (MongoClient client = MongoClients.create(MongoTestResource.server().connectionString())) {
            ReadingWriter writer = new ReadingWriter(new RawBucketStore(client, "plantwatch_report"),
                    new RollupStore(client, "plantwatch_report"), new LatestStore(client, "plantwatch_report"));
            List<Reading> batch = new ArrayList<>(3600);
            for (int i = 0; i < SAMPLES; i++) {
                batch.add(Events.reading(DEVICE, start.plusSeconds(i), Map.of("current", 1.0 + (i % 100) / 100.0,
                        "voltage", 230.0 + (i % 7))));
                if (batch.size() == 3600 || i == SAMPLES - 1) {
                    writer.store(batch);
                    batch.clear();
                }
            }
        }

        assertTrue(heapMax() <= HEAP_CAP, "the service runs with the heap capped: " + heapMax());
        Instant end = start.plusSeconds(SAMPLES);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port
                        + "/api/v1/reports/export/readings.csv?deviceId=" + DEVICE + "&from=" + start + "&to=" + end))
                .header("Authorization", "Bearer " + TestTokens.admin()).timeout(Duration.ofMinutes(5)).build();
        HttpResponse<java.io.InputStream> response = HttpClient.newHttpClient()
                .send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        long rows = 0;
        String first = null;
        String last = null;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String header = reader.readLine();
            assertEquals("ts,deviceId,channel,value,quality", header);
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (first == null) {
                    first = line;
                }
                last = line;
                rows++;
            }
        }
        assertEquals(2L * SAMPLES, rows, "every channel value of every sample, once");
        assertTrue(first.startsWith(start + ",heap-1,"), first);
        assertTrue(last.startsWith(start.plusSeconds(SAMPLES - 1) + ",heap-1,"), last);
        assertTrue(heapMax() <= HEAP_CAP);
        RestAssured.given().get("/q/health/live").then().statusCode(200);
    }

    /** The service's maximum heap, from its own Prometheus metrics (sum over the heap pools). */
    private static long heapMax() {
        String metrics = RestAssured.given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^jvm_memory_max_bytes\\{area=\"heap\"[^}]*} ([0-9.E+]+)$").matcher(metrics);
        double total = 0;
        int pools = 0;
        while (m.find()) {
            double v = Double.parseDouble(m.group(1));
            if (v > 0) {
                total += v;
            }
            pools++;
        }
        assertTrue(pools > 0, "no heap pools in the metrics");
        return (long) total;
    }
}
