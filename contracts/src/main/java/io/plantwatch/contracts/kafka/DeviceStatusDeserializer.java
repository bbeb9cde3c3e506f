package io.plantwatch.contracts.kafka;

import io.plantwatch.contracts.event.DeviceStatus;

/** Kafka deserialiser of {@link DeviceStatus}. */
public class DeviceStatusDeserializer extends EventDeserializer<DeviceStatus> {
    public DeviceStatusDeserializer() {
        super(DeviceStatus.class);
    }
}
