package io.plantwatch.detection.support;

import io.plantwatch.contracts.Topics;
import io.plantwatch.contracts.event.AnomalyEvent;
import io.plantwatch.contracts.event.DeviceEvent;
import io.plantwatch.contracts.event.EventIds;
import io.plantwatch.contracts.event.Quality;
import io.plantwatch.contracts.event.Reading;
import io.plantwatch.contracts.event.Source;
import io.plantwatch.contracts.json.EventJson;
import io.plantwatch.detection.backtest.Sample;
import io.plantwatch.local.testing.KafkaTestResource;
import io.plantwatch.local.testing.TopicProbe;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Drives the service through the real broker the way ingest does: readings on plant.readings (key = device id, id =
 * {@link EventIds#readingId(String, Instant)}), registry events on plant.devices; reads what it publishes on
 * plant.anomalies.
 */
public final class LiveStream {

    private static KafkaProducer<String, byte[]> producer;

    private LiveStream() {
    }

    /** A device id no other test uses. */
    public static String device(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static String readingId(String deviceId, Instant ts) {
        return EventIds.readingId(deviceId, ts);
    }

    /** Publishes the samples as readings of {@code deviceId}, in order, and waits until the broker has them all. */
    public static void send(String deviceId, List<Sample> samples) {
        KafkaProducer<String, byte[]> p = producer();
        List<java.util.concurrent.Future<?>> acks = new ArrayList<>(samples.size());
        for (Sample s : samples) {
            Map<String, Double> values = new LinkedHashMap<>();
            s.values().forEach((k, v) -> {
                if (v != null && !v.isNaN()) {
                    values.put(k, v);
                }
            });
            Reading r = Reading.of(readingId(deviceId, s.ts()), deviceId, s.ts(), Instant.now(), Source.SIMULATOR,
                    values, Quality.GOOD);
            acks.add(p.send(new ProducerRecord<>(Topics.READINGS, deviceId, EventJson.toBytes(r))));
        }
        p.flush();
        for (var a : acks) {
            try {
                a.get();
            } catch (Exception e) {
                throw new IllegalStateException("readings not accepted by the broker", e);
            }
        }
    }

    /** Publishes a registry event, as ingest-service does on every device change. */
    public static void register(DeviceEvent event) {
        TopicProbe.send(KafkaTestResource.bootstrapServers(), Topics.DEVICES, event.deviceId(),
                EventJson.toBytes(event));
    }

    public static DeviceEvent device(String deviceId, long revision, DeviceEvent.Channel... channels) {
        return new DeviceEvent(DeviceEvent.SCHEMA_VERSION, deviceId, deviceId, "plant-test", "line-1", "http", true,
                false, List.of(channels), revision, Instant.now());
    }

    /** Samples of one channel, 1 s apart, starting at {@code t0}. */
    public static List<Sample> series(Instant t0, String channel, double... values) {
        List<Sample> out = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            Instant ts = t0.plusSeconds(i);
            out.add(new Sample(ts.toString(), ts, Map.of(channel, values[i])));
        }
        return out;
    }

    /** A probe at the end of plant.anomalies. */
    public static TopicProbe anomalies() {
        return TopicProbe.atEnd(KafkaTestResource.bootstrapServers(), Topics.ANOMALIES);
    }

    /** Waits until {@code count} anomalies of the device matching {@code filter} arrived; returns all that did. */
    public static List<AnomalyEvent> await(TopicProbe probe, String deviceId, int count, Predicate<AnomalyEvent> filter,
            Duration timeout) {
        return probe.await(count, r -> deviceId.equals(r.key())
                && filter.test(EventJson.fromBytes(r.value(), AnomalyEvent.class)), timeout).stream()
                .map(r -> EventJson.fromBytes(r.value(), AnomalyEvent.class)).toList();
    }

    /** Everything of the device that arrived so far plus within {@code quiet}. */
    public static List<AnomalyEvent> drain(TopicProbe probe, String deviceId, Duration quiet) {
        return probe.drain(quiet).stream().filter(r -> deviceId.equals(r.key()))
                .map(r -> EventJson.fromBytes(r.value(), AnomalyEvent.class)).toList();
    }

    private static synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    KafkaTestResource.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), new ByteArraySerializer());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> producer.close(Duration.ofSeconds(5))));
        }
        return producer;
    }
}
