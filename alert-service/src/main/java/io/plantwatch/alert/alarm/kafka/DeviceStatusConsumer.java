package io.plantwatch.alert.alarm.kafka;

import io.plantwatch.alert.alarm.messaging.AlarmChangePublisher;
import io.plantwatch.alert.alarm.service.AlarmChanged;
import io.plantwatch.alert.alarm.service.AlarmService;
import io.plantwatch.contracts.Channels;
import io.plantwatch.contracts.event.DeviceStatus;
import io.plantwatch.contracts.json.EventJson;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;

/** plant.device-status → OFFLINE alarms (opened when ingest declares a device offline, cleared when it is back). */
@ApplicationScoped
public class DeviceStatusConsumer {

    private static final Logger LOG = Logger.getLogger(DeviceStatusConsumer.class);

    private final AlarmService alarms;
    private final AlarmChangePublisher publisher;

    public DeviceStatusConsumer(AlarmService alarms, AlarmChangePublisher publisher) {
        this.alarms = alarms;
        this.publisher = publisher;
    }

    @Incoming(Channels.DEVICE_STATUS_IN)
    @Blocking
    public void consume(ConsumerRecords<String, byte[]> records) {
        List<AlarmChanged> changes = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            DeviceStatus status;
            try {
                status = EventJson.fromBytes(record.value(), DeviceStatus.class);
            } catch (RuntimeException e) {
                LOG.warnf("skipping unreadable device status at %s-%d@%d: %s", record.topic(), record.partition(),
                        record.offset(), e.getMessage());
                continue;
            }
            changes.addAll(alarms.onDeviceStatus(status));
        }
        publisher.publish(changes);
    }
}
