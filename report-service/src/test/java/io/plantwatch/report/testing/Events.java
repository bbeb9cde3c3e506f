package io.plantwatch.report.testing;

import io.plantwatch.contracts.Topics;
import io.plantwatch.contracts.event.AlarmChange;
import io.plantwatch.contracts.event.AlarmEvent;
import io.plantwatch.contracts.event.AlarmStatus;
import io.plantwatch.contracts.event.AnomalyEvent;
import io.plantwatch.contracts.event.AnomalyType;
import io.plantwatch.contracts.event.DeviceEvent;
import io.plantwatch.contracts.event.EventIds;
import io.plantwatch.contracts.event.Quality;
import io.plantwatch.contracts.event.Reading;
import io.plantwatch.contracts.event.Severity;
import io.plantwatch.contracts.event.Source;
import io.plantwatch.contracts.json.EventJson;
import io.plantwatch.local.testing.KafkaTestResource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Publishes real events on the real topics, as the other services would, and builds them. */
public final class Events {

    private static KafkaProducer<String, byte[]> producer;

    private Events() {
    }

    private static synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.bootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5,
                    ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024, ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"),
                    new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    public static void readings(Collection<Reading> readings) {
        send(Topics.READINGS, readings.stream().map(r -> new ProducerRecord<>(Topics.READINGS, r.deviceId(),
                EventJson.toBytes(r))).toList());
    }

    public static void anomalies(Collection<AnomalyEvent> anomalies) {
        send(Topics.ANOMALIES, anomalies.stream().map(a -> new ProducerRecord<>(Topics.ANOMALIES, a.deviceId(),
                EventJson.toBytes(a))).toList());
    }

    public static void alarms(Collection<AlarmEvent> alarms) {
        send(Topics.ALARMS, alarms.stream().map(a -> new ProducerRecord<>(Topics.ALARMS, a.alarmId(),
                EventJson.toBytes(a))).toList());
    }

    public static void device(DeviceEvent device) {
        send(Topics.DEVICES, List.of(new ProducerRecord<>(Topics.DEVICES, device.deviceId(), EventJson.toBytes(device))));
    }

    private static void send(String topic, List<ProducerRecord<String, byte[]>> records) {
        List<Future<?>> sent = new ArrayList<>(records.size());
        records.forEach(r -> sent.add(producer().send(r)));
        producer().flush();
        for (Future<?> f : sent) {
            try {
                f.get(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("cannot publish to " + topic, e);
            }
        }
    }

    public static Reading reading(String deviceId, Instant ts, Map<String, Double> values) {
        return Reading.of(EventIds.readingId(deviceId, ts), deviceId, ts, Instant.now(), Source.SIMULATOR, values,
                Quality.GOOD);
    }

    /** Samples of one channel every {@code stepSeconds} from {@code start}: values[i] at start + i·step. */
    public static List<Reading> series(String deviceId, String channel, Instant start, long stepSeconds, double[] values) {
        List<Reading> readings = new ArrayList<>(values.length);
        for (int i = 0; i < values.length; i++) {
            readings.add(reading(deviceId, start.plusSeconds(i * stepSeconds), Map.of(channel, values[i])));
        }
        return readings;
    }

    public static AnomalyEvent anomaly(String deviceId, String channel, Instant ts, AnomalyType type, Severity severity,
            String detector, double value) {
        String readingId = EventIds.readingId(deviceId, ts);
        return new AnomalyEvent(AnomalyEvent.SCHEMA_VERSION, EventIds.anomalyId(readingId, detector), readingId, deviceId,
                channel, List.of(channel), ts, detector, null, type, severity, 4.2, 3.0, value, 1.0, 2.0,
                channel + " " + value + " is out of its normal band", null);
    }

    public static AlarmEvent alarm(String alarmId, long revision, String deviceId, String channel, AnomalyType type,
            Severity severity, AlarmStatus status, long count, Instant firstSeen, Instant lastSeen, AlarmChange change) {
        return new AlarmEvent(AlarmEvent.SCHEMA_VERSION, EventIds.alarmEventId(alarmId, revision), alarmId, revision,
                deviceId, null, channel, type, severity, status, count, firstSeen, lastSeen, null, change, "system",
                lastSeen, null, "alarm of " + deviceId);
    }

    public static DeviceEvent device(String deviceId, String name, String site, String line,
            List<DeviceEvent.Channel> channels) {
        return new DeviceEvent(DeviceEvent.SCHEMA_VERSION, deviceId, name, site, line, "http", true, false, channels, 1,
                Instant.now());
    }

    public static DeviceEvent.Channel channel(String name, String unit) {
        return new DeviceEvent.Channel(name, unit, null, null, null, null, 1.0);
    }
}
