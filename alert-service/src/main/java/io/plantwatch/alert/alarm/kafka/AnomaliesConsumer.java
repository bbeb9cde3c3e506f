package io.plantwatch.alert.alarm.kafka;

import io.plantwatch.alert.alarm.messaging.AlarmChangePublisher;
import io.plantwatch.alert.alarm.service.AlarmChanged;
import io.plantwatch.alert.alarm.service.AlarmService;
import io.plantwatch.contracts.Channels;
import io.plantwatch.contracts.event.AnomalyEvent;
import io.plantwatch.contracts.json.EventJson;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;

/** plant.anomalies → alarm upserts → plant.alarms (keyed by alarmId) and notifications, a batch at a time. */
@ApplicationScoped
public class AnomaliesConsumer {

    private static final Logger LOG = Logger.getLogger(AnomaliesConsumer.class);

    private final AlarmService alarms;
    private final AlarmChangePublisher publisher;

    public AnomaliesConsumer(AlarmService alarms, AlarmChangePublisher publisher) {
        this.alarms = alarms;
        this.publisher = publisher;
    }

    @Incoming(Channels.ANOMALIES_IN)
    @Blocking
    public void consume(ConsumerRecords<String, byte[]> records) {
        List<AlarmChanged> changes = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            AnomalyEvent anomaly;
            try {
                anomaly = EventJson.fromBytes(record.value(), AnomalyEvent.class);
            } catch (RuntimeException e) {
                LOG.warnf("skipping unreadable anomaly at %s-%d@%d: %s", record.topic(), record.partition(),
                        record.offset(), e.getMessage());
                continue;
            }
            changes.addAll(alarms.onAnomaly(anomaly));
        }
        publisher.publish(changes);
    }
}
