package io.plantwatch.contracts.kafka;

import io.plantwatch.contracts.event.AlarmEvent;

/** Kafka deserialiser of {@link AlarmEvent}. */
public class AlarmEventDeserializer extends EventDeserializer<AlarmEvent> {
    public AlarmEventDeserializer() {
        super(AlarmEvent.class);
    }
}
