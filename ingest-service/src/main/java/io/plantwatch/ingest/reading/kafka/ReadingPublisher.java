package io.plantwatch.ingest.reading.kafka;

import io.plantwatch.contracts.Channels;
import io.plantwatch.contracts.event.DeadLetter;
import io.plantwatch.contracts.event.Reading;
import io.plantwatch.ingest.reading.config.IngestConfig;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** Publishes readings to plant.readings (key = deviceId) through a bounded buffer, and rejects to the dead-letter topic. */
@ApplicationScoped
public class ReadingPublisher {

    private final MutinyEmitter<DeadLetter> deadLetters;
    private final ReadingBuffer buffer;

    /** The emitter buffers must hold at least {@code plantwatch.ingest.buffer-capacity} readings. */
    public ReadingPublisher(
            @Channel(Channels.READINGS_OUT) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 262144)
            MutinyEmitter<Reading> readings,
            @Channel(Channels.READINGS_DLQ_OUT) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 16384)
            MutinyEmitter<DeadLetter> deadLetters,
            IngestConfig config) {
        this.deadLetters = deadLetters;
        this.buffer = new ReadingBuffer(Math.min(config.bufferCapacity(), 262144),
                r -> readings.sendMessage(withSampleTime(r)), Duration.ofMillis(500), Duration.ofSeconds(30));
    }

    /** HTTP: completes when Kafka has acknowledged every reading (acks=all, idempotent producer). */
    public CompletionStage<Void> publish(List<Reading> batch) {
        return buffer.sendOnce(batch);
    }

    /** Polling, serial, MQTT: retried until Kafka has them; fails at once with {@link ReadingBuffer.Full}. */
    public CompletionStage<Void> publishReliably(List<Reading> batch) {
        return buffer.sendReliably(batch);
    }

    public Uni<Void> deadLetter(DeadLetter letter) {
        return deadLetters.sendMessage(keyed(letter, letter.deviceId()));
    }

    public ReadingBuffer buffer() {
        return buffer;
    }

    /** Keyed by device, with the device time in a header: the liveness consumer reads it without parsing the value. */
    private static Message<Reading> withSampleTime(Reading r) {
        return Message.of(r).addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(r.deviceId())
                .addHeaders(SampleTimeHeader.of(r.ts())).build());
    }

    private static <T> Message<T> keyed(T payload, String key) {
        return Message.of(payload).addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build());
    }
}
