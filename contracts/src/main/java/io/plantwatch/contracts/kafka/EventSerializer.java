package io.plantwatch.contracts.kafka;

import io.plantwatch.contracts.json.EventJson;
import org.apache.kafka.common.serialization.Serializer;

/** Kafka serialiser for any event record, with the {@link EventJson} conventions. */
public class EventSerializer<T> implements Serializer<T> {

    @Override
    public byte[] serialize(String topic, T data) {
        return data == null ? null : EventJson.toBytes(data);
    }
}
