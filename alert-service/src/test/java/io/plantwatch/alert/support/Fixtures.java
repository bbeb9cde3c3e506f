package io.plantwatch.alert.support;

import io.plantwatch.contracts.Topics;
import io.plantwatch.contracts.event.AnomalyEvent;
import io.plantwatch.contracts.event.AnomalyType;
import io.plantwatch.contracts.event.DeviceEvent;
import io.plantwatch.contracts.event.DeviceStatus;
import io.plantwatch.contracts.event.FollowEvent;
import io.plantwatch.contracts.event.Severity;
import io.plantwatch.contracts.event.UserEvent;
import io.plantwatch.contracts.json.EventJson;
import io.plantwatch.local.testing.KafkaTestResource;
import io.plantwatch.local.testing.SmtpTestResource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Future;

/** Test data on the real topics (as auth-service, ingest and detection publish it) and mail helpers. */
public final class Fixtures {

    private Fixtures() {
    }

    /** A suffix that keeps one test's devices and users apart from the others' (the app is shared). */
    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static void user(String username, Set<String> roles, Set<String> sites) {
        send(Topics.USERS, List.of(Map.entry("uid-" + username, EventJson.toBytes(new UserEvent(UserEvent.SCHEMA_VERSION,
                "uid-" + username, username, email(username), roles, sites, false, false, Instant.now())))));
    }

    public static String email(String username) {
        return username + "@plant.test";
    }

    public static void follow(String username, FollowEvent.TargetKind kind, String target) {
        String id = "uid-" + username + "|" + kind + "|" + target;
        send(Topics.FOLLOWS, List.of(Map.entry(id, EventJson.toBytes(new FollowEvent(FollowEvent.SCHEMA_VERSION, id,
                "uid-" + username, kind, target, true, Instant.now())))));
    }

    public static void device(String deviceId, String site, String channel, String unit, Double periodSeconds) {
        DeviceEvent event = new DeviceEvent(DeviceEvent.SCHEMA_VERSION, deviceId, "Device " + deviceId, site, "line-1",
                "http", true, false, List.of(new DeviceEvent.Channel(channel, unit, 0.0, 100.0, null, 6.0, periodSeconds)),
                1, Instant.now());
        send(Topics.DEVICES, List.of(Map.entry(deviceId, EventJson.toBytes(event))));
    }

    public static void deviceStatus(String deviceId, boolean online) {
        Instant now = Instant.now();
        send(Topics.DEVICE_STATUS, List.of(Map.entry(deviceId, EventJson.toBytes(DeviceStatus.of(deviceId, online,
                now.minusSeconds(40), now, online ? "samples again" : "no sample for 30 s (3 x 10 s)")))));
    }

    public static AnomalyEvent anomaly(String deviceId, String channel, AnomalyType type, Severity severity, double value) {
        String id = UUID.randomUUID().toString();
        return new AnomalyEvent(AnomalyEvent.SCHEMA_VERSION, id, "reading-" + id, deviceId, channel, List.of(channel),
                Instant.now(), "threshold", null, type, severity, 2.0, 1.0, value, 1.0, 3.0,
                channel + " " + value + " bar is above its expected range 1..3 bar", null);
    }

    public static void anomalies(List<AnomalyEvent> events) {
        List<Map.Entry<String, byte[]>> records = new ArrayList<>();
        for (AnomalyEvent e : events) {
            records.add(Map.entry(e.deviceId(), EventJson.toBytes(e)));
        }
        send(Topics.ANOMALIES, records);
    }

    /** Sends records with one producer and waits until the broker has them all. */
    public static void send(String topic, List<Map.Entry<String, byte[]>> records) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            List<Future<?>> sent = new ArrayList<>();
            for (Map.Entry<String, byte[]> r : records) {
                sent.add(producer.send(new ProducerRecord<>(topic, r.getKey(), r.getValue())));
            }
            for (Future<?> f : sent) {
                f.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot send to " + topic, e);
        }
    }

    /** Alarm ids carry '|' and '#': encoded for a path segment. */
    public static String path(String alarmId) {
        return URLEncoder.encode(alarmId, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Mails GreenMail received for {@code username}, oldest first (maps: to, subject, text, html). */
    public static List<Map<String, Object>> mailsTo(String username) {
        String address = email(username);
        return SmtpTestResource.mail().messages().stream()
                .filter(m -> String.valueOf(m.get("to")).contains(address)).toList();
    }

    public static List<String> subjectsTo(String username) {
        return mailsTo(username).stream().map(m -> String.valueOf(m.get("subject"))).toList();
    }
}
