package io.plantwatch.detection.session.kafka;

import io.plantwatch.contracts.Channels;
import io.plantwatch.contracts.event.DetectionSessionEvent;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.time.Duration;

/** Publishes session starts / stops (plant.detection-sessions, key = device id) and waits until Kafka has them. */
@ApplicationScoped
public class SessionEventPublisher {

    private final MutinyEmitter<DetectionSessionEvent> emitter;

    public SessionEventPublisher(
            @Channel(Channels.DETECTION_SESSIONS_OUT) MutinyEmitter<DetectionSessionEvent> emitter) {
        this.emitter = emitter;
    }

    public void publish(DetectionSessionEvent event) {
        emitter.sendMessage(Message.of(event).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(event.deviceId()).build())).await().atMost(Duration.ofSeconds(30));
    }
}
