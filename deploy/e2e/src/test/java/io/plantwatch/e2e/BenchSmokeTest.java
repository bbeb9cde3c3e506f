package io.plantwatch.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.plantwatch.bench.Bench;
import io.plantwatch.bench.BenchOptions;
import io.plantwatch.bench.report.BenchResult;
import io.plantwatch.bench.report.ResultTable;
import io.plantwatch.contracts.json.EventJson;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bench on a tiny load (benchmarks are not tests: this only proves the bench runs end to end on the real stack
 * and writes a well-formed result).
 */
class BenchSmokeTest {

    @Test
    void tinyBenchRunsAndWritesAWellFormedResult() throws Exception {
        Path out = Path.of("target", "bench-results").toAbsolutePath();
        BenchResult result = new Bench(SharedStack.get(), BenchOptions.tiny(out), SharedStack.adminToken()).run(0);
        Path file = io.plantwatch.bench.BenchMain.write(result, out);

        JsonNode json = EventJson.mapper().readTree(Files.readString(file));
        assertTrue(json.at("/rawKafka/recordsPerSecond").asDouble() > 0, "raw Kafka measured");
        assertEquals(2, json.get("loads").size(), "one fixed-rate phase and the max phase");
        for (JsonNode phase : json.get("loads")) {
            assertTrue(phase.get("accepted").asLong() > 0, "phase " + phase.get("name") + " accepted readings");
            assertEquals(0, phase.get("httpErrors").asLong(), "no HTTP errors");
            // the shared stack's simulators keep producing a few readings a second, so the lag never stays at 0; what
            // the bench sent (thousands) must be consumed, leaving at most the simulators' last seconds
            assertTrue(phase.get("finalLag").asLong() <= 200, "pipeline caught up: lag " + phase.get("finalLag"));
            assertTrue(phase.get("faultsInjected").asLong() > 0, "phase " + phase.get("name") + " injected faults");
            assertEquals(phase.get("faultsInjected").asLong(), phase.get("faultsDetected").asLong(),
                    "every injected fault of phase " + phase.get("name") + " came back as an anomaly");
            assertTrue(phase.get("cpuPercentByProcess").size() >= 6, "CPU per process in phase " + phase.get("name"));
        }
        assertTrue(json.get("ratio").asDouble() > 0, "ratio end-to-end / raw Kafka");
        assertEquals(json.at("/mqtt/published").asLong(), json.at("/mqtt/onKafka").asLong(),
                "every MQTT message published in the MQTT phase reached plant.readings");
        assertTrue(json.at("/mqtt/published").asLong() > 0, "the MQTT phase published");
        assertTrue(json.get("resources").size() >= 6, "resources per process");
        assertTrue(json.get("micro").size() >= 3, "JMH results");
        assertTrue(ResultTable.render(result).contains("ratio end-to-end / raw Kafka"));
    }
}
