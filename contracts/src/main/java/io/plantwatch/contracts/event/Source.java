package io.plantwatch.contracts.event;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How a reading entered PlantWatch. Serialised in lower case ("modbus"). */
public enum Source {
    HTTP, MQTT, MODBUS, OPCUA, S7, SERIAL, SIMULATOR;

    @JsonValue
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    @JsonCreator
    public static Source fromWire(String value) {
        return valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }
}
