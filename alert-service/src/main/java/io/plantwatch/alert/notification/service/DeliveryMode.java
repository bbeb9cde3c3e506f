package io.plantwatch.alert.notification.service;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** How a recipient wants to hear of something of one severity. Serialised in lower case ("immediate"). */
public enum DeliveryMode {
    IMMEDIATE, DIGEST, NONE;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static DeliveryMode fromWire(String value) {
        return valueOf(value.strip().toUpperCase(Locale.ROOT));
    }
}
