package io.plantwatch.contracts.kafka;

import io.plantwatch.contracts.event.ModelSelection;

/** Kafka deserialiser of {@link ModelSelection}. */
public class ModelSelectionDeserializer extends EventDeserializer<ModelSelection> {
    public ModelSelectionDeserializer() {
        super(ModelSelection.class);
    }
}
