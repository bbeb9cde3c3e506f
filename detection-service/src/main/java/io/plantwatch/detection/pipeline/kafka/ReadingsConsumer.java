package io.plantwatch.detection.pipeline.kafka;

import io.plantwatch.contracts.Channels;
import io.plantwatch.contracts.event.DeadLetter;
import io.plantwatch.contracts.event.DeadLetters;
import io.plantwatch.contracts.event.Reading;
import io.plantwatch.contracts.json.EventJson;
import io.plantwatch.detection.pipeline.service.DetectionEngine;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;

/**
 * Consumes plant.readings in batches and hands each batch to the engine, which evaluates it and publishes its
 * anomalies before this method returns and the batch is acknowledged (at-least-once). Unreadable records go to the
 * dead-letter topic. A failing batch (Kafka or MongoDB unavailable) is retried a few times before the channel fails.
 */
@ApplicationScoped
public class ReadingsConsumer {

    private static final Logger LOG = Logger.getLogger(ReadingsConsumer.class);
    private static final int ATTEMPTS = 5;

    private final DetectionEngine engine;

    public ReadingsConsumer(DetectionEngine engine) {
        this.engine = engine;
    }

    @Incoming(Channels.READINGS_IN)
    @Blocking
    public void consume(ConsumerRecords<String, byte[]> records) throws InterruptedException {
        List<DetectionEngine.IncomingReading> readings = new ArrayList<>(records.count());
        List<DeadLetter> unreadable = new ArrayList<>(0);
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                Reading r = EventJson.fromBytes(record.value(), Reading.class);
                readings.add(new DetectionEngine.IncomingReading(r, record.partition(), record.offset()));
            } catch (RuntimeException e) {
                unreadable.add(DeadLetters.of(record.key(), null, "unreadable-reading",
                        List.of("detection-service: " + e.getMessage()), record.value()));
            }
        }
        for (int attempt = 1; ; attempt++) {
            try {
                engine.process(readings, unreadable);
                return;
            } catch (RuntimeException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                LOG.warnf("batch of %d readings failed (attempt %d of %d): %s", records.count(), attempt, ATTEMPTS,
                        e.toString());
                Thread.sleep(500L << (attempt - 1));
            }
        }
    }
}
