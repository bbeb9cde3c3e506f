package io.plantwatch.detection.pipeline;

import io.plantwatch.contracts.event.AnomalyEvent;
import io.plantwatch.contracts.event.Severity;
import io.plantwatch.detection.backtest.BacktestSummary;
import io.plantwatch.detection.backtest.CsvSamples;
import io.plantwatch.detection.backtest.Datasets;
import io.plantwatch.detection.backtest.Sample;
import io.plantwatch.detection.detector.DetectorConfig;
import io.plantwatch.detection.support.Api;
import io.plantwatch.detection.support.Expected;
import io.plantwatch.detection.support.LiveStream;
import io.plantwatch.local.testing.JwtTestResource;
import io.plantwatch.local.testing.KafkaTestResource;
import io.plantwatch.local.testing.MongoTestResource;
import io.plantwatch.local.testing.TestTokens;
import io.plantwatch.local.testing.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The backtest of a labelled benchmark file and the live service fed the same stream through Kafka publish the same
 * anomalies: same ids (reading + detector), detectors, severities, scores and messages.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(MongoTestResource.class)
@WithTestResource(JwtTestResource.class)
class LiveMatchesBacktestTest {

    @Test
    void liveAnomaliesEqualTheBacktestOfTheSameSkabFile() throws Exception {
        Path file = Datasets.root().resolve("skab/valve1/9.csv");
        List<Sample> samples = CsvSamples.parse(Files.readString(file), CsvSamples.Format.SKAB).samples();
        String device = LiveStream.device("skab-valve1-9");

        // the configuration the live engine will use for this device, as the service reports it
        DetectorConfig config = Api.effectiveConfig(device);
        assertEquals(400, config.trainSamples(), "SKAB protocol warm-up is the default");

        // expected: the offline backtest, each verdict as the service publishes it
        Expected.Run run = Expected.backtest(device, samples, config);
        BacktestSummary summary = run.summary();
        Map<String, AnomalyEvent> expected = run.events();
        assertTrue(summary.alarmsOpened() >= 1, "the file's fault opens an alarm: " + summary);
        assertTrue(expected.values().stream().anyMatch(e -> e.detector().equals("mewma")
                && e.severity().atLeast(Severity.WARNING)), "the multivariate detector raises alarm-grade verdicts");
        assertTrue(expected.values().stream().anyMatch(e -> e.severity() == Severity.INFO),
                "and the other detectors history-only ones");

        Map<String, AnomalyEvent> live;
        try (TopicProbe probe = LiveStream.anomalies()) {
            LiveStream.send(device, samples);
            LiveStream.await(probe, device, expected.size(), e -> !e.detector().equals("missing"),
                    Duration.ofSeconds(120));
            live = LiveStream.drain(probe, device, Duration.ofSeconds(2)).stream()
                    .filter(e -> !e.detector().equals("missing")) // the stream's end is a real gap, judged by the clock
                    .collect(Collectors.toMap(AnomalyEvent::id, Function.identity(), (a, b) -> a, TreeMap::new));
        }
        assertEquals(expected.keySet(), live.keySet(), "same verdict ids");
        assertEquals(expected, live, "same verdicts: detector, type, severity, score, threshold, message");

        // and the backtest endpoint over the same file with the device's live configuration gives the same summary
        BacktestSummary http = given().auth().oauth2(TestTokens.operator()).contentType("text/csv")
                .body(Files.readString(file)).queryParam("deviceId", device)
                .post("/api/v1/detection/backtest").then().statusCode(200).extract().as(BacktestSummary.class);
        assertEquals(summary.rows(), http.rows());
        assertEquals(summary.alarmOnsets(), http.alarmOnsets());
        assertEquals(summary.verdictsByDetector(), http.verdictsByDetector());
        assertEquals(summary.anomalousRows(), http.anomalousRows());
    }
}
