package io.plantwatch.report.device.kafka;

import io.plantwatch.contracts.Channels;
import io.plantwatch.contracts.event.DeviceEvent;
import io.plantwatch.contracts.json.EventJson;
import io.plantwatch.report.device.repository.DeviceStore;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;

/** plant.devices (compacted) → the registry projection used for sites, names and units. */
@ApplicationScoped
public class DevicesConsumer {

    private static final Logger LOG = Logger.getLogger(DevicesConsumer.class);

    private final DeviceStore store;

    public DevicesConsumer(DeviceStore store) {
        this.store = store;
    }

    @Incoming(Channels.DEVICES_IN)
    @Blocking
    public void consume(ConsumerRecords<String, byte[]> records) {
        List<DeviceEvent> batch = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> record : records) {
            if (record.value() == null) {
                continue; // a tombstone of the compacted topic: the delete event before it already marked the device
            }
            try {
                batch.add(EventJson.fromBytes(record.value(), DeviceEvent.class));
            } catch (RuntimeException e) {
                LOG.warnf("skipping unreadable device event at %s-%d@%d: %s", record.topic(), record.partition(),
                        record.offset(), e.getMessage());
            }
        }
        store.write(batch);
    }
}
