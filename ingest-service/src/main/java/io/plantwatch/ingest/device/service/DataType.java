package io.plantwatch.ingest.device.service;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How a polled channel's raw value is encoded in the PLC. */
public enum DataType {
    BOOL("bool", "BOOL"),
    INT16("int16", "INT"),
    UINT16("uint16", "UINT"),
    INT32("int32", "DINT"),
    UINT32("uint32", "UDINT"),
    FLOAT32("float32", "REAL"),
    FLOAT64("float64", "LREAL");

    private final String wire;
    private final String plc4xType;

    DataType(String wire, String plc4xType) {
        this.wire = wire;
        this.plc4xType = plc4xType;
    }

    public String wire() {
        return wire;
    }

    /** The IEC 61131 type name PLC4X uses in tag addresses. */
    public String plc4xType() {
        return plc4xType;
    }

    /** True when the value spans more than one 16-bit register, so word order matters. */
    public boolean multiWord() {
        return this == INT32 || this == UINT32 || this == FLOAT32 || this == FLOAT64;
    }

    public static Optional<DataType> fromWire(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(t -> t.wire.equals(v)).findFirst();
    }

    public static String names() {
        return String.join(", ", Arrays.stream(values()).map(DataType::wire).toList());
    }
}
