package io.plantwatch.detection.model.kafka;

import io.plantwatch.contracts.Channels;
import io.plantwatch.contracts.event.ModelSelection;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.time.Duration;

/** Publishes model selections (plant.model-selections, key = device id) and waits until Kafka has them. */
@ApplicationScoped
public class SelectionPublisher {

    private final MutinyEmitter<ModelSelection> emitter;

    public SelectionPublisher(@Channel(Channels.MODEL_SELECTIONS_OUT) MutinyEmitter<ModelSelection> emitter) {
        this.emitter = emitter;
    }

    public void publish(ModelSelection selection) {
        emitter.sendMessage(Message.of(selection).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(selection.deviceId()).build())).await().atMost(Duration.ofSeconds(30));
    }
}
