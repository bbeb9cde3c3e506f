package io.plantwatch.ingest.plc.service;

import io.plantwatch.ingest.device.service.DataType;
import io.plantwatch.ingest.device.service.Device;
import io.plantwatch.ingest.device.service.DeviceChannel;
import io.plantwatch.ingest.device.service.Protocol;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Registry entries → PLC4X connection strings and tag addresses, for every polled protocol. */
class PlcTagsTest {

    private static Device device(Protocol protocol, Device.Connection connection) {
        return new Device("d", "d", "s", null, protocol, true, connection, 1000, List.of(), false, 1, Instant.EPOCH);
    }

    private static DeviceChannel channel(String address, DataType type, DeviceChannel.WordOrder order) {
        return new DeviceChannel("c", null, address, type, order, 1.0, 0.0, null, null, null, null, null);
    }

    @Test
    void s7ConnectionAndTags() {
        Device plc = device(Protocol.S7, new Device.Connection("10.0.0.5", 102, null, null, null, null, Map.of()));
        assertEquals("s7://10.0.0.5:102?remote-rack=0&remote-slot=1", PlcTags.connectionUrl(plc, Duration.ofSeconds(3)));
        Device s1500 = device(Protocol.S7, new Device.Connection("10.0.0.6", 102, null, null, null, null,
                Map.of("remote-slot", "0", "controller-type", "S7_1500")));
        assertEquals("s7://10.0.0.6:102?controller-type=S7_1500&remote-rack=0&remote-slot=0",
                PlcTags.connectionUrl(s1500, Duration.ofSeconds(3)), "options override the defaults");
        assertEquals("%DB1.DBD0:REAL", PlcTags.tag(Protocol.S7, channel("%DB1.DBD0", DataType.FLOAT32, null)));
        assertEquals("%DB1.DBW4:INT", PlcTags.tag(Protocol.S7, channel("%DB1.DBW4:INT", DataType.FLOAT32, null)),
                "an address with a type is used as written");
    }

    @Test
    void opcUaConnectionAndNodeIds() {
        Device server = device(Protocol.OPCUA, new Device.Connection("127.0.0.1", 4840, null, "/milo", null, null, Map.of()));
        assertEquals("opcua:tcp://127.0.0.1:4840/milo?discovery=false&request-timeout=3000",
                PlcTags.connectionUrl(server, Duration.ofSeconds(3)));
        assertEquals("ns=2;s=Pump/Pressure", PlcTags.tag(Protocol.OPCUA, channel("ns=2;s=Pump/Pressure", null, null)));
    }

    @Test
    void modbusTypesAndWordOrders() {
        Device plc = device(Protocol.MODBUS_TCP, new Device.Connection("127.0.0.1", 502, 3, null, null, null, Map.of()));
        assertEquals("modbus-tcp://127.0.0.1:502?default-unit-identifier=3&request-timeout=2000",
                PlcTags.connectionUrl(plc, Duration.ofSeconds(2)));
        assertEquals("holding-register:3:REAL",
                PlcTags.tag(Protocol.MODBUS_TCP, channel("holding-register:3", DataType.FLOAT32, DeviceChannel.WordOrder.ABCD)));
        assertEquals("holding-register:5:REAL{byte-order: 'LITTLE_ENDIAN_BYTE_SWAP'}",
                PlcTags.tag(Protocol.MODBUS_TCP, channel("holding-register:5", DataType.FLOAT32, DeviceChannel.WordOrder.CDAB)));
        assertEquals("coil:2:BOOL", PlcTags.tag(Protocol.MODBUS_TCP, channel("coil:2", DataType.FLOAT32, null)));
        assertEquals(1.0, PlcTags.toDouble(List.of(true)));
        assertNull(PlcTags.toDouble("text"));
    }
}
