package io.plantwatch.ingest.plc.service;

import io.plantwatch.ingest.device.service.DataType;
import io.plantwatch.ingest.device.service.Device;
import io.plantwatch.ingest.device.service.DeviceChannel;
import io.plantwatch.ingest.device.service.Protocol;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * PLC4X connection strings and tag addresses from registry entries. Modbus channels name a register
 * ("holding-register:1", 1-based) and get the PLC4X type appended ("holding-register:1:REAL"); word-swapped
 * (CDAB) 32/64-bit values get {@code {byte-order: 'LITTLE_ENDIAN_BYTE_SWAP'}}. An address that already carries a
 * type is used as written. OPC UA addresses are node ids ("ns=2;s=Pump/Pressure"); S7 addresses get ":TYPE"
 * unless they have one ("%DB1.DBD0" → "%DB1.DBD0:REAL").
 */
public final class PlcTags {

    private PlcTags() {
    }

    public static String connectionUrl(Device device, Duration requestTimeout) {
        Device.Connection c = device.connection();
        Map<String, String> options = new TreeMap<>();
        String base;
        switch (device.protocol()) {
            case MODBUS_TCP -> {
                base = "modbus-tcp://" + c.host() + ":" + c.port();
                options.put("default-unit-identifier", Integer.toString(c.unitId() == null ? 1 : c.unitId()));
                options.put("request-timeout", Long.toString(requestTimeout.toMillis()));
            }
            case OPCUA -> {
                base = "opcua:tcp://" + c.host() + ":" + c.port() + (c.path() == null ? "" : c.path());
                options.put("discovery", "false");
                options.put("request-timeout", Long.toString(requestTimeout.toMillis()));
            }
            case S7 -> {
                base = "s7://" + c.host() + ":" + c.port();
                options.put("remote-rack", "0");
                options.put("remote-slot", "1");
            }
            default -> throw new IllegalArgumentException(device.protocol().wire() + " is not polled");
        }
        options.putAll(c.options());
        StringBuilder url = new StringBuilder(base);
        char sep = '?';
        for (Map.Entry<String, String> o : options.entrySet()) {
            url.append(sep).append(o.getKey()).append('=').append(o.getValue());
            sep = '&';
        }
        return url.toString();
    }

    public static String tag(Protocol protocol, DeviceChannel channel) {
        String address = channel.address().strip();
        DataType type = channel.dataType() == null ? DataType.FLOAT32 : channel.dataType();
        return switch (protocol) {
            case MODBUS_TCP -> modbus(address, type, channel.wordOrder());
            case S7 -> address.indexOf(':') >= 0 ? address : address + ":" + type.plc4xType();
            case OPCUA -> address;
            default -> throw new IllegalArgumentException(protocol.wire() + " is not polled");
        };
    }

    private static String modbus(String address, DataType type, DeviceChannel.WordOrder order) {
        String[] parts = address.split(":");
        if (parts.length >= 3 || address.contains("{")) {
            return address;
        }
        String area = parts[0];
        if (area.equals("coil") || area.equals("discrete-input")) {
            // one coil per tag: PLC4X 0.13.1 returns only the first bit of coil:N[8]
            return address + ":BOOL";
        }
        String tag = address + ":" + type.plc4xType();
        if (order == DeviceChannel.WordOrder.CDAB && type.multiWord()) {
            tag += "{byte-order: 'LITTLE_ENDIAN_BYTE_SWAP'}";
        }
        return tag;
    }

    /** A PLC value as a double, or null when it is not numeric. */
    public static Double toDouble(Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof Boolean b) {
            return b ? 1.0 : 0.0;
        }
        if (value instanceof java.util.List<?> list && list.size() == 1) {
            return toDouble(list.get(0));
        }
        return null;
    }
}
