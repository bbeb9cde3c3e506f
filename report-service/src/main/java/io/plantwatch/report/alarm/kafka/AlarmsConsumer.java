package io.plantwatch.report.alarm.kafka;

import io.plantwatch.contracts.Channels;
import io.plantwatch.report.common.StoreRetry;
import io.plantwatch.contracts.event.AlarmEvent;
import io.plantwatch.contracts.json.EventJson;
import io.plantwatch.report.alarm.repository.AlarmStore;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;

/** plant.alarms → alarm states (the anomalies' resolved flag, alarm tables, top offenders). */
@ApplicationScoped
public class AlarmsConsumer {

    private static final Logger LOG = Logger.getLogger(AlarmsConsumer.class);

    private final AlarmStore store;

    public AlarmsConsumer(AlarmStore store) {
        this.store = store;
    }

    @Incoming(Channels.ALARMS_IN)
    @Blocking
    public void consume(ConsumerRecords<String, byte[]> records) {
        List<AlarmEvent> batch = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                AlarmEvent event = EventJson.fromBytes(record.value(), AlarmEvent.class);
                if (event.alarmId() != null && event.deviceId() != null && event.firstSeen() != null) {
                    batch.add(event);
                } else {
                    LOG.warnf("skipping alarm event without alarmId, deviceId or firstSeen at %s-%d@%d",
                            record.topic(), record.partition(), record.offset());
                }
            } catch (RuntimeException e) {
                LOG.warnf("skipping unreadable alarm event at %s-%d@%d: %s", record.topic(), record.partition(),
                        record.offset(), e.getMessage());
            }
        }
        StoreRetry.untilStored(batch.size() + " alarm events", () -> store.write(batch));
    }
}
