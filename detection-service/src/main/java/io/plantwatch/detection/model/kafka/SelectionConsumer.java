package io.plantwatch.detection.model.kafka;

import io.plantwatch.contracts.Channels;
import io.plantwatch.contracts.event.ModelSelection;
import io.plantwatch.contracts.kafka.EventRecords;
import io.plantwatch.detection.model.service.ModelSelections;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Applies model selections made on any instance (plant.model-selections, compacted). Every instance reads the whole
 * topic from the start (own consumer group), because any instance may own the device's partition now or after a
 * rebalance.
 */
@ApplicationScoped
public class SelectionConsumer {

    private static final Logger LOG = Logger.getLogger(SelectionConsumer.class);

    private final ModelSelections selections;

    public SelectionConsumer(ModelSelections selections) {
        this.selections = selections;
    }

    @Incoming(Channels.MODEL_SELECTIONS_IN)
    @Blocking
    public void consume(ConsumerRecords<String, byte[]> records) {
        EventRecords.forEach(records, ModelSelection.class, selections::apply, "model selection", LOG);
    }
}
