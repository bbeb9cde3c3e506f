package io.plantwatch.contracts.kafka;

import io.plantwatch.contracts.event.DeadLetter;

/** Kafka deserialiser of {@link DeadLetter}. */
public class DeadLetterDeserializer extends EventDeserializer<DeadLetter> {
    public DeadLetterDeserializer() {
        super(DeadLetter.class);
    }
}
