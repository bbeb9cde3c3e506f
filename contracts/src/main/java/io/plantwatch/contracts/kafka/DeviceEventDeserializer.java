package io.plantwatch.contracts.kafka;

import io.plantwatch.contracts.event.DeviceEvent;

/** Kafka deserialiser of {@link DeviceEvent}. */
public class DeviceEventDeserializer extends EventDeserializer<DeviceEvent> {
    public DeviceEventDeserializer() {
        super(DeviceEvent.class);
    }
}
