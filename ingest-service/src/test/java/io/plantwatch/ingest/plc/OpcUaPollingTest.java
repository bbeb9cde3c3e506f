package io.plantwatch.ingest.plc;

import io.plantwatch.contracts.Topics;
import io.plantwatch.contracts.event.Reading;
import io.plantwatch.contracts.event.Source;
import io.plantwatch.ingest.TestDevices;
import io.plantwatch.local.process.FreePorts;
import io.plantwatch.local.testing.JwtTestResource;
import io.plantwatch.local.testing.KafkaTestResource;
import io.plantwatch.local.testing.MongoTestResource;
import io.plantwatch.local.testing.MqttTestResource;
import io.plantwatch.local.testing.TestTokens;
import io.plantwatch.local.testing.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * OPC UA polling through PLC4X against a real Eclipse Milo server on loopback: node ids as channel addresses,
 * every tag in one read, scale/offset and the valid range applied, a value change on the server seen in the next
 * readings, and a deleted device no longer polled.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(MongoTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(MqttTestResource.class)
class OpcUaPollingTest {

    private static final int PORT = FreePorts.next();
    private static MiloTestServer server;

    @BeforeAll
    static void startServer() throws Exception {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("Pressure", 2.5);
        variables.put("Temperature", 41.25f);
        variables.put("Speed", 14500);
        variables.put("Running", true);
        server = MiloTestServer.start(PORT, Path.of("target", "plantwatch-test", "milo").toAbsolutePath(), variables);
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private static String device(String id) {
        return "{\"id\":\"" + id + "\",\"name\":\"OPC UA pump\",\"site\":\"test-site\",\"protocol\":\"opcua\","
                + "\"connection\":{\"host\":\"127.0.0.1\",\"port\":" + PORT + ",\"path\":\"" + MiloTestServer.PATH + "\"},"
                + "\"pollIntervalMs\":200,\"channels\":["
                + "{\"name\":\"pressure\",\"unit\":\"bar\",\"address\":\"ns=2;s=Pump/Pressure\",\"validLow\":0,\"validHigh\":10},"
                + "{\"name\":\"temperature\",\"unit\":\"C\",\"address\":\"ns=2;s=Pump/Temperature\"},"
                + "{\"name\":\"speed\",\"unit\":\"rpm\",\"address\":\"ns=2;s=Pump/Speed\",\"scale\":0.1},"
                + "{\"name\":\"running\",\"address\":\"ns=2;s=Pump/Running\"}]}";
    }

    @Test
    void pollsNodesOfAMiloServerAndFollowsValueChanges() {
        String id = "opcua-1";
        try (TopicProbe probe = TopicProbe.atEnd(KafkaTestResource.bootstrapServers(), Topics.READINGS)) {
            TestDevices.register(device(id));
            List<Reading> first = probe.await(2, r -> id.equals(r.key()), Duration.ofSeconds(40)).stream()
                    .map(TestDevices::reading).toList();
            assertTrue(first.size() >= 2, "readings from the OPC UA poller, got " + first.size());
            Reading r = first.get(first.size() - 1);
            assertEquals(Source.OPCUA, r.source());
            assertEquals(2.5, r.values().get("pressure"), 1e-9);
            assertEquals(41.25, r.values().get("temperature"), 1e-9);
            assertEquals(1450.0, r.values().get("speed"), 1e-9, "raw 14500 × scale 0.1");
            assertEquals(1.0, r.values().get("running"), 1e-9);
            assertEquals("GOOD", r.quality().name());

            // the PLC program changes its values: the next polls carry them, and 12 bar is outside 0..10 → BAD
            server.set("Pressure", 12.0);
            server.set("Running", false);
            Reading changed = probe.await(1, x -> id.equals(x.key())
                            && Double.valueOf(12.0).equals(TestDevices.reading(x).values().get("pressure")), Duration.ofSeconds(20))
                    .stream().map(TestDevices::reading).findFirst().orElseThrow(() -> new AssertionError("no reading with the new value"));
            assertEquals(0.0, changed.values().get("running"), 1e-9);
            assertEquals("BAD", changed.quality().name());
        }
        // a deleted device is no longer polled
        given().auth().oauth2(TestTokens.admin()).delete("/api/v1/devices/" + id).then().statusCode(204);
        try (TopicProbe probe = TopicProbe.atEnd(KafkaTestResource.bootstrapServers(), Topics.READINGS)) {
            int settled = probe.drain(Duration.ofSeconds(1)).size(); // a poll in flight at the change may still land
            assertFalse(probe.drain(Duration.ofSeconds(2)).stream().skip(settled).anyMatch(x -> id.equals(x.key())),
                    "no polling after delete");
        }
    }
}
