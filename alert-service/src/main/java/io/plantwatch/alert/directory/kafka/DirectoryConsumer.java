package io.plantwatch.alert.directory.kafka;

import io.plantwatch.alert.directory.service.Directory;
import io.plantwatch.contracts.Channels;
import io.plantwatch.contracts.event.DeviceEvent;
import io.plantwatch.contracts.event.FollowEvent;
import io.plantwatch.contracts.event.UserEvent;
import io.plantwatch.contracts.json.EventJson;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.util.function.Consumer;

/**
 * Keeps the directory projections: plant.devices, plant.users and plant.follows (compacted topics, read from the
 * beginning). A tombstone (null value) removes the entry of its key.
 */
@ApplicationScoped
public class DirectoryConsumer {

    private static final Logger LOG = Logger.getLogger(DirectoryConsumer.class);

    private final Directory directory;
    private final Event<DeviceEvent> deviceChanges;

    public DirectoryConsumer(Directory directory, Event<DeviceEvent> deviceChanges) {
        this.directory = directory;
        this.deviceChanges = deviceChanges;
    }

    @Incoming(Channels.DEVICES_IN)
    @Blocking
    public void devices(ConsumerRecords<String, byte[]> records) {
        each(records, DeviceEvent.class, event -> {
            directory.apply(event);
            deviceChanges.fire(event);
        });
    }

    @Incoming(Channels.USERS_IN)
    @Blocking
    public void users(ConsumerRecords<String, byte[]> records) {
        each(records, UserEvent.class, directory::apply);
    }

    @Incoming(Channels.FOLLOWS_IN)
    @Blocking
    public void follows(ConsumerRecords<String, byte[]> records) {
        each(records, FollowEvent.class, directory::apply);
    }

    private static <T> void each(ConsumerRecords<String, byte[]> records, Class<T> type, Consumer<T> apply) {
        for (ConsumerRecord<String, byte[]> record : records) {
            if (record.value() == null) {
                continue; // tombstone: compaction leftovers; the state-carrying event before it said deleted
            }
            T event;
            try {
                event = EventJson.fromBytes(record.value(), type);
            } catch (RuntimeException e) {
                LOG.warnf("skipping unreadable %s at %s-%d@%d: %s", type.getSimpleName(), record.topic(),
                        record.partition(), record.offset(), e.getMessage());
                continue;
            }
            apply.accept(event);
        }
    }
}
