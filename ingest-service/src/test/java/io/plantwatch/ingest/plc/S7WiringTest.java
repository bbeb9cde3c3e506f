package io.plantwatch.ingest.plc;

import io.plantwatch.contracts.Topics;
import io.plantwatch.contracts.event.DeviceStatus;
import io.plantwatch.contracts.json.EventJson;
import io.plantwatch.ingest.TestDevices;
import io.plantwatch.local.testing.JwtTestResource;
import io.plantwatch.local.testing.KafkaTestResource;
import io.plantwatch.local.testing.MongoTestResource;
import io.plantwatch.local.testing.MqttTestResource;
import io.plantwatch.local.testing.TestTokens;
import io.plantwatch.local.testing.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * S7 is wired and only needs configuring: a registered s7 device is polled through PLC4X's S7 driver, which opens
 * ISO-on-TCP to the configured address (a loopback socket records the TPKT + COTP connection request; there is no
 * S7 server to run here), and a PLC that never answers marks the device offline (silence past 3 poll intervals or
 * repeated failed polls, whichever comes first).
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(MongoTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(MqttTestResource.class)
class S7WiringTest {

    @Test
    void anS7DeviceIsPolledThroughTheS7Driver() throws Exception {
        String id = "s7-1";
        List<byte[]> handshakes = new CopyOnWriteArrayList<>();
        try (ServerSocket plc = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
                TopicProbe status = TopicProbe.atEnd(KafkaTestResource.bootstrapServers(), Topics.DEVICE_STATUS)) {
            Thread listener = new Thread(() -> recordHandshakes(plc, handshakes), "fake-s7");
            listener.setDaemon(true);
            listener.start();
            TestDevices.register("{\"id\":\"" + id + "\",\"name\":\"Press PLC\",\"site\":\"test-site\",\"protocol\":\"s7\","
                    + "\"connection\":{\"host\":\"127.0.0.1\",\"port\":" + plc.getLocalPort() + "},\"pollIntervalMs\":200,"
                    + "\"channels\":[{\"name\":\"force\",\"unit\":\"kN\",\"address\":\"%DB1.DBD0\",\"dataType\":\"float32\"}]}");

            await().atMost(Duration.ofSeconds(30)).until(() -> !handshakes.isEmpty());
            byte[] first = handshakes.get(0);
            assertEquals(0x03, first[0], "TPKT version 3 (ISO-on-TCP, RFC 1006)");
            assertEquals((byte) 0xE0, first[5], "COTP connection request");

            List<DeviceStatus> offline = status.await(1, r -> id.equals(r.key()), Duration.ofSeconds(60)).stream()
                    .map(r -> EventJson.fromBytes(r.value(), DeviceStatus.class)).toList();
            assertFalse(offline.isEmpty(), "a PLC that does not answer marks the device offline");
            assertFalse(offline.get(0).online(), "offline: " + offline.get(0).reason());
        } finally {
            given().auth().oauth2(TestTokens.admin()).delete("/api/v1/devices/" + id);
        }
    }

    /** Accepts connections, keeps the first bytes of each, and hangs up as a PLC that refuses the session would. */
    private static void recordHandshakes(ServerSocket server, List<byte[]> handshakes) {
        while (!server.isClosed()) {
            try (Socket client = server.accept()) {
                client.setSoTimeout(5000);
                InputStream in = client.getInputStream();
                byte[] head = in.readNBytes(7);
                if (head.length == 7) {
                    handshakes.add(head);
                }
            } catch (IOException e) {
                // closed at the end of the test, or the driver gave up on this connection
            }
        }
    }
}
