package io.plantwatch.alert.alarm.messaging;

import io.plantwatch.alert.alarm.repository.AlarmEntity;
import io.plantwatch.alert.alarm.repository.AlarmRepository;
import io.plantwatch.alert.alarm.service.Alarm;
import io.plantwatch.alert.alarm.service.AlarmChanged;
import io.plantwatch.contracts.Channels;
import io.plantwatch.contracts.event.AlarmChange;
import io.plantwatch.contracts.event.AlarmEvent;
import io.plantwatch.contracts.json.EventJson;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.mqtt.MqttMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Publishes alarm changes: plant.alarms (keyed by alarmId, awaited; a confirmed event clears the alarm's
 * "dirty" mark, an unconfirmed one is re-published by the alarm timer), MQTT {@code plantwatch/alerts/{deviceId}}
 * for field displays and PLCs (QoS 1, best effort), then notifies observers (notifications) in this thread.
 */
@ApplicationScoped
public class AlarmChangePublisher {

    private static final Logger LOG = Logger.getLogger(AlarmChangePublisher.class);
    /** MQTT topic prefix of alarm changes; the device id follows. */
    public static final String MQTT_TOPIC_PREFIX = "plantwatch/alerts/";
    static final String MQTT_CHANNEL = "alerts-mqtt";
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(30);

    private final MutinyEmitter<AlarmEvent> kafka;
    private final Emitter<byte[]> mqtt;
    private final AlarmRepository alarms;
    private final Event<AlarmChanged> observers;

    public AlarmChangePublisher(
            @Channel(Channels.ALARMS_OUT) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 16384)
            MutinyEmitter<AlarmEvent> kafka,
            @Channel(MQTT_CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 8192)
            Emitter<byte[]> mqtt,
            AlarmRepository alarms, Event<AlarmChanged> observers) {
        this.kafka = kafka;
        this.mqtt = mqtt;
        this.alarms = alarms;
        this.observers = observers;
    }

    public void publish(List<AlarmChanged> changes) {
        if (changes.isEmpty()) {
            return;
        }
        List<AlarmEvent> events = changes.stream().map(AlarmChanged::toEvent).toList();
        send(events);
        for (AlarmChanged change : changes) {
            try {
                observers.fire(change);
            } catch (RuntimeException e) {
                LOG.errorf(e, "notification of alarm change %s failed", change.toEvent().id());
            }
        }
    }

    /** Re-sends the current state of alarms whose last change was not confirmed (observers are not called again). */
    public void republish(List<AlarmEntity> dirty) {
        List<AlarmEvent> events = new ArrayList<>();
        for (AlarmEntity a : dirty) {
            AlarmChange change = AlarmChange.valueOf(a.lastChange == null ? AlarmChange.UPDATED.name() : a.lastChange);
            if (change == AlarmChange.UPDATED && a.count == 1 && a.revision == 1) {
                change = AlarmChange.CREATED;
            }
            events.add(new AlarmChanged(Alarm.of(a), change, a.lastActor, a.lastChangeAt, null, null).toEvent());
        }
        send(events);
    }

    private void send(List<AlarmEvent> events) {
        List<Uni<Boolean>> sends = new ArrayList<>();
        for (AlarmEvent event : events) {
            sends.add(kafka.sendMessage(Message.of(event)
                            .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(event.alarmId()).build()))
                    .map(ok -> true)
                    .onFailure().invoke(e -> LOG.warnf("plant.alarms send of %s failed: %s", event.id(), e.toString()))
                    .onFailure().recoverWithItem(false));
            sendMqtt(event);
        }
        List<Boolean> confirmed;
        try {
            confirmed = Uni.join().all(sends).andCollectFailures().await().atMost(KAFKA_TIMEOUT);
        } catch (RuntimeException e) {
            LOG.warnf("plant.alarms sends not confirmed within %s; the alarm timer re-publishes them", KAFKA_TIMEOUT);
            return;
        }
        for (int i = 0; i < events.size(); i++) {
            if (confirmed.get(i)) {
                alarms.markPublished(events.get(i).alarmId(), events.get(i).revision());
            }
        }
    }

    private void sendMqtt(AlarmEvent event) {
        String topic = MQTT_TOPIC_PREFIX + topicSafe(event.deviceId());
        try {
            mqtt.send(MqttMessage.of(topic, EventJson.toBytes(event), MqttQoS.AT_LEAST_ONCE, false));
        } catch (RuntimeException e) {
            LOG.warnf("MQTT alert to %s dropped: %s", topic, e.toString());
        }
    }

    /** MQTT topic levels cannot carry '/', '+' or '#': such characters of a device id become '_'. */
    static String topicSafe(String deviceId) {
        return deviceId.replace('/', '_').replace('+', '_').replace('#', '_');
    }
}
