package io.plantwatch.bench.load;

import io.plantwatch.bench.report.BenchResult;
import io.plantwatch.contracts.event.EventIds;
import io.plantwatch.contracts.event.Quality;
import io.plantwatch.contracts.event.Reading;
import io.plantwatch.contracts.event.Source;
import io.plantwatch.contracts.json.EventJson;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The transport limit: raw produce and consume, at once, of records shaped like the project's serialised
 * {@link Reading}s with the same keying (deviceId) and producer settings as ingest, on the same broker.
 */
public final class KafkaBaseline {

    private final String bootstrapServers;

    public KafkaBaseline(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    public BenchResult.RawKafka run(int records, int devices, Duration limit) throws Exception {
        byte[][] values = new byte[devices][];
        String[] keys = new String[devices];
        Instant t = Instant.now();
        for (int d = 0; d < devices; d++) {
            keys[d] = "bench-d" + d;
            Reading r = Reading.of(EventIds.readingId(keys[d], t), keys[d], t, t, Source.HTTP,
                    Map.of("voltage", 229.87, "current", 1.234), Quality.GOOD);
            values[d] = EventJson.toBytes(r);
        }
        double produceOnly = produceOnly(records / 2, keys, values, limit);
        String topic = newTopic();
        CompletableFuture<Long> consumed = CompletableFuture.supplyAsync(() -> consume(topic, records, limit));
        long start = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = producer()) {
            for (int i = 0; i < records && System.nanoTime() - start < limit.toNanos(); i++) {
                int d = i % devices;
                producer.send(new ProducerRecord<>(topic, keys[d], values[d]));
            }
            producer.flush();
        }
        long got = consumed.get(limit.toSeconds() + 30, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new BenchResult.RawKafka((int) got, values[0].length, seconds, got / seconds, produceOnly);
    }

    private double produceOnly(int records, String[] keys, byte[][] values, Duration limit) throws Exception {
        String topic = newTopic();
        long start = System.nanoTime();
        int sent = 0;
        try (KafkaProducer<String, byte[]> producer = producer()) {
            for (; sent < records && System.nanoTime() - start < limit.toNanos(); sent++) {
                int d = sent % keys.length;
                producer.send(new ProducerRecord<>(topic, keys[d], values[d]));
            }
            producer.flush();
        }
        return sent / ((System.nanoTime() - start) / 1e9);
    }

    private String newTopic() throws Exception {
        String topic = "bench.raw." + UUID.randomUUID().toString().substring(0, 8);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(topic, 6, (short) 1))).all().get(30, TimeUnit.SECONDS);
            // producing before every partition has a leader makes the idempotent producer fail its sequence numbers
            // and retry for ever (seen once here): wait for the leaders
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                var description = admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic);
                if (description.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
                    break;
                }
                Thread.sleep(100);
            }
        }
        return topic;
    }

    private KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BATCH_SIZE_CONFIG, 65536,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000),
                new StringSerializer(), new ByteArraySerializer());
    }

    private long consume(String topic, int expected, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos() + TimeUnit.SECONDS.toNanos(20);
        long count = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            while (count < expected && System.nanoTime() < deadline) {
                count += consumer.poll(Duration.ofMillis(200)).count();
            }
        }
        return count;
    }
}
