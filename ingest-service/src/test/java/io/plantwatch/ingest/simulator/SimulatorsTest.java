package io.plantwatch.ingest.simulator;

import io.plantwatch.contracts.Topics;
import io.plantwatch.ingest.simulator.service.ArduinoSimulator;
import io.plantwatch.local.process.FreePorts;
import io.plantwatch.local.testing.JwtTestResource;
import io.plantwatch.local.testing.KafkaTestResource;
import io.plantwatch.local.testing.MongoTestResource;
import io.plantwatch.local.testing.MqttTestResource;
import io.plantwatch.local.testing.TestTokens;
import io.plantwatch.local.testing.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The simulators of the local stack, started as {@code ./plantwatch up} starts them: the service starts (they
 * register their devices during startup, which publishes on plant.devices), every simulated device is in the
 * registry, and every one of them — the Modbus pump PLC polled through PLC4X, the MQTT energy meters, the Arduino
 * on a socat pty pair when socat is installed — puts readings on plant.readings.
 */
@QuarkusTest
@TestProfile(SimulatorsTest.Simulators.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(MongoTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(MqttTestResource.class)
class SimulatorsTest {

    /** Simulators on, on a free Modbus port, their pty links under target/. */
    public static class Simulators implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("plantwatch.simulators.enabled", "true",
                    "plantwatch.simulators.modbus-port", Integer.toString(FreePorts.next()),
                    "plantwatch.simulators.data-dir", Path.of("target", "plantwatch-test", "simulators").toAbsolutePath().toString());
        }
    }

    @Test
    void everySimulatedDeviceIsRegisteredAndSendsReadings() {
        List<String> expected = new ArrayList<>(List.of("sim-pump-1", "sim-meter-1", "sim-meter-2"));
        if (ArduinoSimulator.socat().isPresent()) {
            expected.add("sim-arduino-1");
        }
        given().auth().oauth2(TestTokens.viewer()).get("/api/v1/devices").then().statusCode(200)
                .body("id", hasItems(expected.toArray()));
        try (TopicProbe readings = TopicProbe.atEnd(KafkaTestResource.bootstrapServers(), Topics.READINGS)) {
            Set<String> seen = new HashSet<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!seen.containsAll(expected) && System.nanoTime() < deadline) {
                readings.await(1, r -> expected.contains(r.key()) && !seen.contains(r.key()), Duration.ofSeconds(1))
                        .forEach(r -> seen.add(r.key()));
            }
            assertTrue(seen.containsAll(expected), "devices with readings: " + seen + ", expected " + expected);
        }
    }
}
