package io.plantwatch.contracts.kafka;

import io.plantwatch.contracts.event.FollowEvent;

/** Kafka deserialiser of {@link FollowEvent}. */
public class FollowEventDeserializer extends EventDeserializer<FollowEvent> {
    public FollowEventDeserializer() {
        super(FollowEvent.class);
    }
}
