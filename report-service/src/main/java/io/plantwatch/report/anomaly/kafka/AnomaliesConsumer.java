package io.plantwatch.report.anomaly.kafka;

import io.plantwatch.contracts.Channels;
import io.plantwatch.report.common.StoreRetry;
import io.plantwatch.contracts.event.AnomalyEvent;
import io.plantwatch.contracts.json.EventJson;
import io.plantwatch.report.anomaly.repository.AnomalyStore;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;

/** plant.anomalies → anomaly history. */
@ApplicationScoped
public class AnomaliesConsumer {

    private static final Logger LOG = Logger.getLogger(AnomaliesConsumer.class);

    private final AnomalyStore store;

    public AnomaliesConsumer(AnomalyStore store) {
        this.store = store;
    }

    @Incoming(Channels.ANOMALIES_IN)
    @Blocking
    public void consume(ConsumerRecords<String, byte[]> records) {
        List<AnomalyEvent> batch = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                batch.add(EventJson.fromBytes(record.value(), AnomalyEvent.class));
            } catch (RuntimeException e) {
                LOG.warnf("skipping unreadable anomaly at %s-%d@%d: %s", record.topic(), record.partition(),
                        record.offset(), e.getMessage());
            }
        }
        StoreRetry.untilStored(batch.size() + " anomalies", () -> store.store(batch));
    }
}
