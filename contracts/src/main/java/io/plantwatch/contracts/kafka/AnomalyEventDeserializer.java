package io.plantwatch.contracts.kafka;

import io.plantwatch.contracts.event.AnomalyEvent;

/** Kafka deserialiser of {@link AnomalyEvent}. */
public class AnomalyEventDeserializer extends EventDeserializer<AnomalyEvent> {
    public AnomalyEventDeserializer() {
        super(AnomalyEvent.class);
    }
}
