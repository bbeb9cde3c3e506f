package io.plantwatch.ingest.plc;

import com.ghgande.j2mod.modbus.procimg.SimpleDigitalOut;
import com.ghgande.j2mod.modbus.procimg.SimpleInputRegister;
import com.ghgande.j2mod.modbus.procimg.SimpleProcessImage;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import com.ghgande.j2mod.modbus.slave.ModbusSlave;
import com.ghgande.j2mod.modbus.slave.ModbusSlaveFactory;
import io.plantwatch.contracts.Topics;
import io.plantwatch.contracts.event.DeviceStatus;
import io.plantwatch.contracts.event.Reading;
import io.plantwatch.contracts.event.Source;
import io.plantwatch.contracts.json.EventJson;
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
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Modbus TCP polling through PLC4X against a real j2mod server on loopback holding known registers: integer
 * types with scale and offset, float32 in both word orders, an input register and a coil; runtime disable; and
 * an outage (server gone → offline after repeated failures → back → reconnect, online, data again).
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(MongoTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(MqttTestResource.class)
class ModbusPollingTest {

    private static final int PORT = FreePorts.next();
    private static ModbusSlave server;

    @BeforeAll
    static void startServer() throws Exception {
        server = start();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            ModbusSlaveFactory.close(server);
        }
    }

    static ModbusSlave start() throws Exception {
        SimpleProcessImage image = new SimpleProcessImage(1);
        image.addRegister(new SimpleRegister(1234));            // holding-register:1  uint16, scale 0.1 → 123.4
        image.addRegister(new SimpleRegister(0xFFFB));          // holding-register:2  int16 → -5, offset 100 → 95
        int abcd = Float.floatToIntBits(12.5f);
        image.addRegister(new SimpleRegister(abcd >>> 16));     // holding-register:3-4 float32 ABCD
        image.addRegister(new SimpleRegister(abcd & 0xFFFF));
        int cdab = Float.floatToIntBits(-3.75f);
        image.addRegister(new SimpleRegister(cdab & 0xFFFF));   // holding-register:5-6 float32 CDAB (low word first)
        image.addRegister(new SimpleRegister(cdab >>> 16));
        image.addInputRegister(new SimpleInputRegister(777));   // input-register:1
        image.addDigitalOut(new SimpleDigitalOut(false));
        image.addDigitalOut(new SimpleDigitalOut(true));        // coil:2
        ModbusSlave slave = ModbusSlaveFactory.createTCPSlave(InetAddress.getLoopbackAddress(), PORT, 4, false);
        slave.addProcessImage(1, image);
        slave.open();
        return slave;
    }

    private static String device(String id, boolean enabled) {
        return "{\"id\":\"" + id + "\",\"name\":\"Test PLC\",\"site\":\"test-site\",\"protocol\":\"modbus-tcp\",\"enabled\":" + enabled
                + ",\"connection\":{\"host\":\"127.0.0.1\",\"port\":" + PORT + ",\"unitId\":1},\"pollIntervalMs\":200,\"channels\":["
                + "{\"name\":\"speed\",\"unit\":\"rpm\",\"address\":\"holding-register:1\",\"dataType\":\"uint16\",\"scale\":0.1,\"expectedPeriodSeconds\":0.2},"
                + "{\"name\":\"level\",\"address\":\"holding-register:2\",\"dataType\":\"int16\",\"offset\":100},"
                + "{\"name\":\"pressure\",\"unit\":\"bar\",\"address\":\"holding-register:3\",\"dataType\":\"float32\",\"validLow\":0,\"validHigh\":20},"
                + "{\"name\":\"flow\",\"address\":\"holding-register:5\",\"dataType\":\"float32\",\"wordOrder\":\"CDAB\"},"
                + "{\"name\":\"counter\",\"address\":\"input-register:1\",\"dataType\":\"uint16\"},"
                + "{\"name\":\"running\",\"address\":\"coil:2\",\"dataType\":\"bool\"}]}";
    }

    @Test
    void pollsAllTagsDecodesBothWordOrdersAndFollowsTheRegistry() {
        try (TopicProbe probe = TopicProbe.atEnd(KafkaTestResource.bootstrapServers(), Topics.READINGS)) {
            TestDevices.register(device("plc-a", true));
            List<ConsumerRecord<String, byte[]>> records = probe.await(3, r -> "plc-a".equals(r.key()), Duration.ofSeconds(30));
            assertTrue(records.size() >= 3, "readings from the poller, got " + records.size());
            Reading r = EventJson.fromBytes(records.get(records.size() - 1).value(), Reading.class);
            assertEquals(Source.MODBUS, r.source());
            assertEquals(123.4, r.values().get("speed"), 1e-9);
            assertEquals(95.0, r.values().get("level"), 1e-9);
            assertEquals(12.5, r.values().get("pressure"), 1e-9);
            assertEquals(-3.75, r.values().get("flow"), 1e-9);
            assertEquals(777.0, r.values().get("counter"), 1e-9);
            assertEquals(1.0, r.values().get("running"), 1e-9);
            assertEquals("GOOD", r.quality().name());
        }
        // disabling at runtime stops the polling
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(device("plc-a", false))
                .put("/api/v1/devices/plc-a").then().statusCode(200);
        try (TopicProbe probe = TopicProbe.atEnd(KafkaTestResource.bootstrapServers(), Topics.READINGS)) {
            probe.drain(Duration.ofSeconds(1)); // a poll in flight at the change may still land
            assertTrue(probe.drain(Duration.ofSeconds(2)).stream().filter(x -> "plc-a".equals(x.key()))
                    .count() <= 1, "a disabled device is not polled");
            List<ConsumerRecord<String, byte[]>> late = probe.drain(Duration.ofSeconds(1));
            assertFalse(late.stream().skip(1).anyMatch(x -> "plc-a".equals(x.key())), "no polling after disable");
        }
    }

    @Test
    void outageMarksOfflineAndReconnectBringsDataBack() throws Exception {
        String id = "plc-b";
        try (TopicProbe status = TopicProbe.atEnd(KafkaTestResource.bootstrapServers(), Topics.DEVICE_STATUS);
                TopicProbe readings = TopicProbe.atEnd(KafkaTestResource.bootstrapServers(), Topics.READINGS)) {
            TestDevices.register(device(id, true));
            assertFalse(readings.await(1, r -> id.equals(r.key()), Duration.ofSeconds(30)).isEmpty(), "polling started");
            assertTrue(online(status, id, true, 1), "online after the first sample");

            ModbusSlaveFactory.close(server);
            server = null;
            assertTrue(online(status, id, false, 1), "offline after repeated failures");

            server = start();
            assertTrue(online(status, id, true, 2), "online again after the reconnect");
            int before = readings.drain(Duration.ofMillis(10)).size();
            assertTrue(readings.await(before + 2, r -> id.equals(r.key()), Duration.ofSeconds(30)).size() >= before + 2,
                    "readings flow again");
        }
    }

    private static boolean online(TopicProbe probe, String id, boolean online, int count) {
        return probe.await(count, r -> id.equals(r.key()) && EventJson.fromBytes(r.value(), DeviceStatus.class).online() == online,
                Duration.ofSeconds(40)).size() >= count;
    }
}
