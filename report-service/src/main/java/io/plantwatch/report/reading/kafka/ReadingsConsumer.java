package io.plantwatch.report.reading.kafka;

import io.plantwatch.contracts.Channels;
import io.plantwatch.report.common.StoreRetry;
import io.plantwatch.contracts.event.Reading;
import io.plantwatch.contracts.json.EventJson;
import io.plantwatch.report.reading.service.ReadingWriter;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;

/** plant.readings → bucketed history and rollups, one set of bulk writes per polled batch. */
@ApplicationScoped
public class ReadingsConsumer {

    private static final Logger LOG = Logger.getLogger(ReadingsConsumer.class);

    private final ReadingWriter writer;

    public ReadingsConsumer(ReadingWriter writer) {
        this.writer = writer;
    }

    @Incoming(Channels.READINGS_IN)
    @Blocking
    public void consume(ConsumerRecords<String, byte[]> records) {
        List<Reading> batch = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                batch.add(EventJson.fromBytes(record.value(), Reading.class));
            } catch (RuntimeException e) {
                LOG.warnf("skipping unreadable reading at %s-%d@%d (detection-service dead-letters it): %s",
                        record.topic(), record.partition(), record.offset(), e.getMessage());
            }
        }
        StoreRetry.untilStored(batch.size() + " readings", () -> writer.store(batch));
    }
}
