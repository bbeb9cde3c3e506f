package io.plantwatch.gateway.live.kafka;

import io.plantwatch.contracts.Channels;
import io.plantwatch.contracts.event.AlarmEvent;
import io.plantwatch.contracts.event.AnomalyEvent;
import io.plantwatch.contracts.event.DeviceEvent;
import io.plantwatch.contracts.event.DeviceStatus;
import io.plantwatch.contracts.event.Reading;
import io.plantwatch.contracts.json.EventJson;
import io.plantwatch.gateway.live.service.DeviceDirectory;
import io.plantwatch.gateway.live.service.LiveEvent;
import io.plantwatch.gateway.live.service.LiveHub;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Feeds the live hub from Kafka. Every gateway instance reads every event (its own consumer group per start, from
 * the end of the live topics and from the start of the compacted device registry), and nothing here waits: the hub
 * only queues.
 */
@ApplicationScoped
public class LiveConsumers {

    private static final Logger LOG = Logger.getLogger(LiveConsumers.class);

    @Inject
    LiveHub hub;

    @Inject
    DeviceDirectory devices;

    @Incoming(Channels.READINGS_IN)
    public void readings(ConsumerRecords<String, byte[]> batch) {
        each(batch, Reading.class, hub::reading, hub::wantsReadingOf);
    }

    @Incoming(Channels.ANOMALIES_IN)
    public void anomalies(ConsumerRecords<String, byte[]> batch) {
        each(batch, AnomalyEvent.class, a -> hub.publish(LiveEvent.ANOMALY, a.deviceId(), null, a.ts(), a));
    }

    @Incoming(Channels.ALARMS_IN)
    public void alarms(ConsumerRecords<String, byte[]> batch) {
        each(batch, AlarmEvent.class, a -> hub.publish(LiveEvent.ALARM, a.deviceId(), a.site(), a.at(), a));
    }

    @Incoming(Channels.DEVICE_STATUS_IN)
    public void statuses(ConsumerRecords<String, byte[]> batch) {
        each(batch, DeviceStatus.class, s -> hub.publish(LiveEvent.STATUS, s.deviceId(), null, s.at(), s));
    }

    @Incoming(Channels.DEVICES_IN)
    public void registry(ConsumerRecords<String, byte[]> batch) {
        each(batch, DeviceEvent.class, d -> {
            devices.apply(d);
            hub.publish(LiveEvent.DEVICE, d.deviceId(), d.site(), d.at(), d);
        });
    }

    private <T> void each(ConsumerRecords<String, byte[]> batch, Class<T> type, Consumer<T> sink) {
        each(batch, type, sink, key -> true);
    }

    /** {@code wanted} sees the record key (the device id) before the value is parsed. */
    private <T> void each(ConsumerRecords<String, byte[]> batch, Class<T> type, Consumer<T> sink,
            Predicate<String> wanted) {
        for (ConsumerRecord<String, byte[]> record : batch) {
            if (record.value() == null) {
                continue; // a tombstone on a compacted topic
            }
            if (record.key() != null && !wanted.test(record.key())) {
                continue;
            }
            T event;
            try {
                event = EventJson.fromBytes(record.value(), type);
            } catch (RuntimeException e) {
                // the owning services dead-letter bad records; the screen just skips them
                LOG.debugf("skipping unreadable %s record at %s-%d@%d: %s", type.getSimpleName(), record.topic(),
                        record.partition(), record.offset(), e.getMessage());
                continue;
            }
            sink.accept(event);
        }
    }
}
