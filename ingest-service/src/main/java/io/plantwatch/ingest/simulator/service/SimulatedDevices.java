package io.plantwatch.ingest.simulator.service;

import io.plantwatch.ingest.device.service.DataType;
import io.plantwatch.ingest.device.service.Device;
import io.plantwatch.ingest.device.service.DeviceChannel;
import io.plantwatch.ingest.device.service.DeviceChannel.WordOrder;
import io.plantwatch.ingest.device.service.Protocol;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Registry entries of the simulated devices, with ranges a plant engineer would set for real ones. */
public final class SimulatedDevices {

    public static final String PUMP = "sim-pump-1";
    public static final String ARDUINO = "sim-arduino-1";

    private SimulatedDevices() {
    }

    public static String meter(int index) {
        return "sim-meter-" + (index + 1);
    }

    public static Device pump(String site, int port) {
        return new Device(PUMP, "Feed pump 1 (simulated PLC)", site, "line-1", Protocol.MODBUS_TCP, true,
                new Device.Connection("127.0.0.1", port, ModbusPumpSimulator.UNIT_ID, null, null, null, Map.of()), 1000,
                List.of(polled("motor_current", "A", "holding-register:1", WordOrder.ABCD, 0, 60, 10.0, 20.0),
                        polled("pressure", "bar", "holding-register:3", WordOrder.ABCD, 0, 25, 2.5, 6.5),
                        polled("vibration", "mm/s", "holding-register:5", WordOrder.ABCD, 0, 50, null, 7.1),
                        polled("temperature", "°C", "holding-register:7", WordOrder.ABCD, -20, 150, null, 80.0),
                        polled("flow", "m³/h", "holding-register:9", WordOrder.CDAB, 0, 200, 25.0, null)),
                false, 1, Instant.now());
    }

    public static Device meterDevice(int index, String site) {
        return new Device(meter(index), "Energy meter " + (index + 1) + " (simulated)", site, "line-" + (index + 1),
                Protocol.MQTT, true, Device.Connection.NONE, null,
                List.of(pushed("voltage", "V", 0, 500, 207.0, 253.0), pushed("current", "A", 0, 400, null, 100.0),
                        pushed("power", "kW", 0, 300, null, null), pushed("energy", "kWh", 0, 1e12, null, null)),
                false, 1, Instant.now());
    }

    public static Device arduino(String site, Path port) {
        return new Device(ARDUINO, "Voltage monitor (simulated Arduino)", site, "line-1", Protocol.SERIAL, true,
                new Device.Connection(null, null, null, null, port.toString(), 9600, Map.of()), null,
                List.of(pushed("voltage", "V", 0, 300, 207.0, 253.0), pushed("current", "A", 0, 20, null, 5.0)),
                false, 1, Instant.now());
    }

    private static DeviceChannel polled(String name, String unit, String address, WordOrder order, double validLow,
            double validHigh, Double alarmLow, Double alarmHigh) {
        return new DeviceChannel(name, unit, address, DataType.FLOAT32, order, 1.0, 0.0, validLow, validHigh, alarmLow,
                alarmHigh, 1.0);
    }

    private static DeviceChannel pushed(String name, String unit, double validLow, double validHigh, Double alarmLow,
            Double alarmHigh) {
        return new DeviceChannel(name, unit, null, null, null, 1.0, 0.0, validLow, validHigh, alarmLow, alarmHigh, 1.0);
    }
}
