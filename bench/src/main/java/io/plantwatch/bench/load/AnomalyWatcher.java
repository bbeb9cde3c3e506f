package io.plantwatch.bench.load;

import io.plantwatch.contracts.Topics;
import io.plantwatch.contracts.event.AnomalyEvent;
import io.plantwatch.contracts.json.EventJson;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Consumes plant.anomalies from its end and times each injected fault: from the moment its batch was sent
 * (registered by the load generator when it sends the batch) to the moment its first anomaly event is consumed here.
 */
public final class AnomalyWatcher implements AutoCloseable {

    private final Map<String, Long> acceptedAt = new ConcurrentHashMap<>();
    private final Map<String, Long> latencyNanos = new ConcurrentHashMap<>();
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private volatile boolean running = true;

    public AnomalyWatcher(String bootstrapServers) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "bench-anomalies-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000), new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(Topics.ANOMALIES));
        while (consumer.assignment().isEmpty()) {
            consumer.poll(Duration.ofMillis(100));
        }
        consumer.seekToEnd(consumer.assignment());
        consumer.assignment().forEach(consumer::position);
        thread = new Thread(this::loop, "bench-anomaly-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    /** A fault reading sent at {@code nanoTime}. */
    public void expect(String readingId, long nanoTime) {
        acceptedAt.put(readingId, nanoTime);
    }

    /** A fault reading whose batch was refused: not expected after all. */
    public void forget(String readingId) {
        acceptedAt.remove(readingId);
        latencyNanos.remove(readingId);
    }

    private void loop() {
        while (running) {
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(50))) {
                long now = System.nanoTime();
                String readingId = EventJson.fromBytes(r.value(), AnomalyEvent.class).readingId();
                Long accepted = acceptedAt.get(readingId);
                if (accepted != null) {
                    latencyNanos.putIfAbsent(readingId, now - accepted);
                }
            }
        }
        consumer.close(Duration.ofSeconds(2));
    }

    public int expected() {
        return acceptedAt.size();
    }

    public int detected() {
        return latencyNanos.size();
    }

    /** Latencies in milliseconds of the faults detected so far. */
    public List<Double> latenciesMs() {
        List<Double> ms = new ArrayList<>(latencyNanos.size());
        latencyNanos.values().forEach(n -> ms.add(n / 1e6));
        return ms;
    }

    /** Forgets the faults of the previous phase. */
    public void reset() {
        acceptedAt.clear();
        latencyNanos.clear();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5000);
    }
}
