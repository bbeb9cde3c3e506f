package io.plantwatch.ingest.device.service;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How a device delivers its data. Polled protocols are read by ingest on the device's poll interval. */
public enum Protocol {
    HTTP("http", false, 0),
    MQTT("mqtt", false, 0),
    MODBUS_TCP("modbus-tcp", true, 502),
    OPCUA("opcua", true, 4840),
    S7("s7", true, 102),
    SERIAL("serial", false, 0);

    private final String wire;
    private final boolean polled;
    private final int defaultPort;

    Protocol(String wire, boolean polled, int defaultPort) {
        this.wire = wire;
        this.polled = polled;
        this.defaultPort = defaultPort;
    }

    /** The name in the API and in DeviceEvent, e.g. "modbus-tcp". */
    public String wire() {
        return wire;
    }

    /** True for the PLC protocols ingest polls through PLC4X. */
    public boolean polled() {
        return polled;
    }

    public int defaultPort() {
        return defaultPort;
    }

    public static Optional<Protocol> fromWire(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(p -> p.wire.equals(v)).findFirst();
    }

    public static String names() {
        return String.join(", ", Arrays.stream(values()).map(Protocol::wire).toList());
    }
}
