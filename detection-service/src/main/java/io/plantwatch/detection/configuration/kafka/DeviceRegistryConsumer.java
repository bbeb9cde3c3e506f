package io.plantwatch.detection.configuration.kafka;

import io.plantwatch.contracts.Channels;
import io.plantwatch.contracts.event.DeviceEvent;
import io.plantwatch.contracts.json.EventJson;
import io.plantwatch.detection.configuration.service.DeviceConfigs;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Keeps the device registry projection (plant.devices, compacted) that the detector configuration is built on:
 * channel units, valid and alarm ranges, expected periods, enabled flag. Every instance reads the whole topic from
 * the beginning (its own consumer group, see application.properties), because any instance may serve any device's
 * configuration and the owner of a device's readings may change with a rebalance.
 */
@ApplicationScoped
public class DeviceRegistryConsumer {

    private static final Logger LOG = Logger.getLogger(DeviceRegistryConsumer.class);

    private final DeviceConfigs configs;

    public DeviceRegistryConsumer(DeviceConfigs configs) {
        this.configs = configs;
    }

    @Incoming(Channels.DEVICES_IN)
    @Blocking
    public void consume(ConsumerRecords<String, byte[]> records) {
        int unreadable = 0;
        for (ConsumerRecord<String, byte[]> record : records) {
            if (record.value() == null) {
                if (record.key() != null) {
                    configs.onDeviceRemoved(record.key()); // tombstone of the compacted topic
                }
                continue;
            }
            try {
                configs.onDeviceEvent(EventJson.fromBytes(record.value(), DeviceEvent.class));
            } catch (RuntimeException e) {
                unreadable++;
            }
        }
        if (unreadable > 0) {
            LOG.warnf("skipped %d unreadable device registry records of %d", unreadable, records.count());
        }
    }
}
