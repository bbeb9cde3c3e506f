package io.plantwatch.contracts.kafka;

import io.plantwatch.contracts.event.UserEvent;

/** Kafka deserialiser of {@link UserEvent}. */
public class UserEventDeserializer extends EventDeserializer<UserEvent> {
    public UserEventDeserializer() {
        super(UserEvent.class);
    }
}
