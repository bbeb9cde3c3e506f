package io.plantwatch.auth.feed.kafka;

import io.plantwatch.auth.feed.repository.AlarmChangeEntity;
import io.plantwatch.auth.feed.repository.AlarmChangeRepository;
import io.plantwatch.auth.feed.repository.DeviceSiteRepository;
import io.plantwatch.contracts.Channels;
import io.plantwatch.contracts.event.AlarmEvent;
import io.plantwatch.contracts.event.DeadLetter;
import io.plantwatch.contracts.event.DeadLetters;
import io.plantwatch.contracts.event.DeviceEvent;
import io.plantwatch.contracts.json.EventJson;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the feed's projections: alarm changes (plant.alarms) and device sites (plant.devices). No call to
 * alert-service or ingest-service: the feed reads only these projections. Unreadable records become dead letters.
 */
@ApplicationScoped
public class FeedProjectionConsumer {

    private static final Logger LOG = Logger.getLogger(FeedProjectionConsumer.class);

    private final AlarmChangeRepository alarmChanges;
    private final DeviceSiteRepository deviceSites;
    private final MutinyEmitter<DeadLetter> deadLetters;

    public FeedProjectionConsumer(AlarmChangeRepository alarmChanges, DeviceSiteRepository deviceSites,
            @Channel(Channels.READINGS_DLQ_OUT) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 1024)
            MutinyEmitter<DeadLetter> deadLetters) {
        this.alarmChanges = alarmChanges;
        this.deviceSites = deviceSites;
        this.deadLetters = deadLetters;
    }

    @Incoming(Channels.ALARMS_IN)
    @Blocking
    public void alarms(ConsumerRecords<String, byte[]> records) {
        List<AlarmChangeEntity> changes = new ArrayList<>();
        List<Uni<Void>> dead = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                changes.add(toEntity(EventJson.fromBytes(record.value(), AlarmEvent.class)));
            } catch (RuntimeException e) {
                dead.add(deadLetter(record, "unreadable-alarm-event", e));
            }
        }
        alarmChanges.upsertAll(changes);
        await(dead);
    }

    @Incoming(Channels.DEVICES_IN)
    @Blocking
    public void devices(ConsumerRecords<String, byte[]> records) {
        List<Uni<Void>> dead = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            if (record.value() == null) {
                continue; // compaction tombstone
            }
            try {
                DeviceEvent device = EventJson.fromBytes(record.value(), DeviceEvent.class);
                deviceSites.apply(device.deviceId(), device.site(), device.revision(), device.deleted());
            } catch (RuntimeException e) {
                dead.add(deadLetter(record, "unreadable-device-event", e));
            }
        }
        await(dead);
    }

    static AlarmChangeEntity toEntity(AlarmEvent e) {
        if (e.id() == null || e.alarmId() == null || e.at() == null) {
            throw new IllegalArgumentException("alarm event without id, alarmId or at");
        }
        AlarmChangeEntity c = new AlarmChangeEntity();
        c.id = e.id();
        c.alarmId = e.alarmId();
        c.revision = e.revision();
        c.deviceId = e.deviceId();
        c.site = e.site();
        c.channel = e.channel();
        c.type = e.type() == null ? null : e.type().name();
        c.severity = e.severity() == null ? null : e.severity().name();
        c.status = e.status() == null ? null : e.status().name();
        c.change = e.change() == null ? null : e.change().name();
        c.actor = e.actor();
        c.assignee = e.assignee();
        c.value = e.value();
        c.message = e.message();
        c.at = e.at();
        return c;
    }

    private Uni<Void> deadLetter(ConsumerRecord<String, byte[]> record, String reason, RuntimeException e) {
        LOG.warnf("dead-lettering %s-%d@%d: %s", record.topic(), record.partition(), record.offset(), e.getMessage());
        DeadLetter letter = DeadLetters.of(null, null, reason,
                List.of(record.topic() + ": " + String.valueOf(e.getMessage())), record.value());
        return deadLetters.sendMessage(Message.of(letter).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(letter.deviceId()).build()));
    }

    private static void await(List<Uni<Void>> sends) {
        if (!sends.isEmpty()) {
            Uni.join().all(sends).andFailFast().await().atMost(Duration.ofSeconds(60));
        }
    }
}
