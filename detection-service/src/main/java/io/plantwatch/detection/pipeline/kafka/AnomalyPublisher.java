package io.plantwatch.detection.pipeline.kafka;

import io.plantwatch.contracts.Channels;
import io.plantwatch.contracts.event.AnomalyEvent;
import io.plantwatch.contracts.event.DeadLetter;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Publishes anomalies (plant.anomalies, key = device id) and dead letters, and waits until Kafka has them. */
@ApplicationScoped
public class AnomalyPublisher {

    private final MutinyEmitter<AnomalyEvent> anomalies;
    private final MutinyEmitter<DeadLetter> deadLetters;

    public AnomalyPublisher(
            @Channel(Channels.ANOMALIES_OUT) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 65536)
            MutinyEmitter<AnomalyEvent> anomalies,
            @Channel(Channels.READINGS_DLQ_OUT) MutinyEmitter<DeadLetter> deadLetters) {
        this.anomalies = anomalies;
        this.deadLetters = deadLetters;
    }

    /** Sends everything and blocks until every record is acknowledged (acks=all), or fails. */
    public void publishAndWait(List<AnomalyEvent> events, List<DeadLetter> letters, Duration timeout) {
        if (events.isEmpty() && letters.isEmpty()) {
            return;
        }
        List<Uni<Void>> sends = new ArrayList<>(events.size() + letters.size());
        for (AnomalyEvent e : events) {
            sends.add(anomalies.sendMessage(keyed(e, e.deviceId())));
        }
        for (DeadLetter d : letters) {
            sends.add(deadLetters.sendMessage(keyed(d, d.deviceId())));
        }
        Uni.join().all(sends).andFailFast().await().atMost(timeout);
    }

    private static <T> Message<T> keyed(T payload, String key) {
        return Message.of(payload).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(key == null ? DeadLetter.UNKNOWN_DEVICE : key).build());
    }
}
