package io.plantwatch.contracts.kafka;

import io.plantwatch.contracts.event.Reading;

/** Kafka deserialiser of {@link Reading}. */
public class ReadingDeserializer extends EventDeserializer<Reading> {
    public ReadingDeserializer() {
        super(Reading.class);
    }
}
