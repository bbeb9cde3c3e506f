package io.plantwatch.ingest.status.kafka;

import io.plantwatch.contracts.Topics;
import io.plantwatch.ingest.reading.kafka.SampleTimeHeader;
import io.plantwatch.ingest.status.config.LivenessConfig;
import io.plantwatch.ingest.status.service.DeviceStatusTracker;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Feeds {@link DeviceStatusTracker} with the samples of every ingest instance: consumes plant.readings in the
 * ingest-wide liveness group, so each partition (and so each device, keyed by id) has one owning instance. Reads only
 * the key and the sample-time header (the device time, for {@code lastSeen}): the value is skipped, never parsed. Offsets are not committed: on assignment the consumer goes back a short window
 * ({@code plantwatch.liveness.replay-on-assignment}) instead, and the tracker gives a new owner a grace period.
 */
@ApplicationScoped
public class LivenessConsumer {

    private static final Logger LOG = Logger.getLogger(LivenessConsumer.class);
    /** Kafka settings of the service (bootstrap servers, session timeouts) that this consumer takes over. */
    private static final List<String> INHERITED = List.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG);

    private final DeviceStatusTracker tracker;
    private final LivenessConfig config;
    private final Map<String, Object> kafka;
    private volatile boolean running;
    private volatile KafkaConsumer<String, Void> consumer;
    private Thread thread;

    public LivenessConsumer(DeviceStatusTracker tracker, LivenessConfig config,
            @Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.tracker = tracker;
        this.config = config;
        this.kafka = kafka;
    }

    void start(@Observes StartupEvent event) {
        Properties props = new Properties();
        for (String key : INHERITED) {
            Object value = kafka.get(key);
            if (value != null) {
                props.put(key, value);
            }
        }
        props.put(ConsumerConfig.GROUP_ID_CONFIG, config.group());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, config.group() + "-" + ProcessHandle.current().pid());
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new SkippedValue());
        running = true;
        thread = new Thread(this::run, "ingest-liveness");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        KafkaConsumer<String, Void> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(Duration.ofSeconds(5).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        KafkaConsumer<String, Void> c = consumer;
        try (c) {
            c.subscribe(List.of(Topics.READINGS), new Ownership(c));
            while (running) {
                ConsumerRecords<String, Void> records = c.poll(config.pollTimeout());
                if (records.isEmpty()) {
                    continue;
                }
                // one update per device and poll, however many samples it sent
                Map<String, Long> latest = new HashMap<>();
                for (ConsumerRecord<String, Void> r : records) {
                    if (r.key() != null) {
                        latest.merge(r.key(), SampleTimeHeader.read(r.headers(), r.timestamp()), Math::max);
                    }
                }
                tracker.live(latest);
            }
        } catch (WakeupException stopping) {
            // shutdown
        } catch (RuntimeException e) {
            LOG.errorf(e, "liveness consumer stopped: devices are no longer timed out by this instance");
        } finally {
            tracker.partitionsRevoked(tracker.ownedPartitions());
        }
    }

    /** Tells the tracker which partitions this instance owns, and replays a short window of a newly owned one. */
    private final class Ownership implements ConsumerRebalanceListener {
        private final KafkaConsumer<String, Void> c;

        Ownership(KafkaConsumer<String, Void> c) {
            this.c = c;
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            long from = Instant.now().minus(config.replayOnAssignment()).toEpochMilli();
            Map<TopicPartition, Long> times = new HashMap<>();
            partitions.forEach(p -> times.put(p, from));
            Map<TopicPartition, OffsetAndTimestamp> offsets = c.offsetsForTimes(times);
            for (TopicPartition p : partitions) {
                OffsetAndTimestamp at = offsets.get(p);
                if (at != null) {
                    c.seek(p, at.offset());
                } else {
                    c.seekToEnd(List.of(p));
                }
            }
            int partitionCount = c.partitionsFor(Topics.READINGS).size();
            tracker.partitionsAssigned(partitions.stream().map(TopicPartition::partition).toList(), partitionCount);
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            tracker.partitionsRevoked(partitions.stream().map(TopicPartition::partition).toList());
        }
    }

    /** The reading itself is not needed: no copy, no parse. */
    private static final class SkippedValue implements Deserializer<Void> {
        @Override
        public Void deserialize(String topic, byte[] data) {
            return null;
        }
    }
}
