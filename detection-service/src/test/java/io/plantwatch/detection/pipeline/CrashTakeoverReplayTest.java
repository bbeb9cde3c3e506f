package io.plantwatch.detection.pipeline;

import io.plantwatch.contracts.Topics;
import io.plantwatch.contracts.event.AnomalyEvent;
import io.plantwatch.contracts.event.DeviceEvent;
import io.plantwatch.detection.backtest.Sample;
import io.plantwatch.detection.detector.DetectorConfig;
import io.plantwatch.detection.detector.DetectorSnapshot;
import io.plantwatch.detection.detector.DeviceDetector;
import io.plantwatch.detection.pipeline.service.DetectionEngine;
import io.plantwatch.detection.support.Api;
import io.plantwatch.detection.support.LiveStream;
import io.plantwatch.local.testing.JwtTestResource;
import io.plantwatch.local.testing.KafkaTestResource;
import io.plantwatch.local.testing.MongoTestResource;
import io.plantwatch.local.testing.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * kill -9 between a snapshot and a commit, on the real broker and the MongoDB wire server. Two consumers share the
 * detection group: this service, and a second member that plays an instance which takes some partitions, evaluates
 * and commits their readings, and dies without a snapshot. When its partitions come back, the service restores the
 * devices from their snapshots, rewinds to the snapshot mark and evaluates the readings the dead member had committed
 * into state only: the device's detector state equals a run without the crash, and no anomaly of those readings is
 * published a second time.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(MongoTestResource.class)
@WithTestResource(JwtTestResource.class)
class CrashTakeoverReplayTest {

    private static final String GROUP = "detection-service";
    private static final int BEFORE_CRASH = 120;
    private static final int CRASHED_OWNER = 60;
    private static final int AFTER = 20;

    @Inject
    DetectionEngine engine;

    @Test
    void aNewOwnerReplaysIntoStateWhatTheDeadOwnerCommittedAfterItsLastSnapshot() throws Exception {
        int partitions;
        try (KafkaConsumer<String, byte[]> meta = consumer("meta-" + System.nanoTime())) {
            partitions = meta.partitionsFor(Topics.READINGS).size();
        }
        // one device per partition: whichever partitions the second member gets, one of them carries a device
        String prefix = LiveStream.device("crash");
        Map<Integer, String> deviceOf = new LinkedHashMap<>();
        for (int i = 0; deviceOf.size() < partitions && i < 1000; i++) {
            String id = prefix + "-" + i;
            deviceOf.putIfAbsent(partitionOf(id, partitions), id);
        }
        assertEquals(partitions, deviceOf.size());
        for (String device : deviceOf.values()) {
            LiveStream.register(LiveStream.device(device, 1, new DeviceEvent.Channel("level", "%", 0.0, 200.0, 0.0, 80.0, null)));
        }
        for (String device : deviceOf.values()) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> Api.asViewer()
                    .get("/api/v1/detection/config/" + device).then().statusCode(200)
                    .body("effective.channels[0].alarmHigh", org.hamcrest.Matchers.equalTo(80.0f)));
        }
        Instant t0 = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        List<Sample> all = samples(t0, BEFORE_CRASH + CRASHED_OWNER + AFTER);
        List<Sample> beforeCrash = all.subList(0, BEFORE_CRASH);
        List<Sample> crashedOwner = all.subList(BEFORE_CRASH, BEFORE_CRASH + CRASHED_OWNER);
        List<Sample> after = all.subList(BEFORE_CRASH + CRASHED_OWNER, all.size());

        // 1. the service owns every partition, evaluates the first readings and snapshots them
        await().atMost(Duration.ofSeconds(60)).until(() -> engine.status().ownedPartitions().size() == partitions);
        for (String device : deviceOf.values()) {
            LiveStream.send(device, beforeCrash);
        }
        for (String device : deviceOf.values()) {
            awaitSamples(device, BEFORE_CRASH);
        }
        engine.snapshotChanged();

        try (TopicProbe anomalies = LiveStream.anomalies()) {
            String device;
            TopicPartition partition;
            // 2. a second member joins, takes some partitions, evaluates their readings, commits, and dies
            try (KafkaConsumer<String, byte[]> second = consumer(GROUP)) {
                second.subscribe(List.of(Topics.READINGS));
                long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
                while (second.assignment().isEmpty() && System.nanoTime() < deadline) {
                    second.poll(Duration.ofMillis(200));
                }
                Set<Integer> taken = new HashSet<>();
                second.assignment().forEach(tp -> taken.add(tp.partition()));
                assertTrue(!taken.isEmpty() && taken.size() < partitions, "the second member took some partitions: " + taken);
                await().atMost(Duration.ofSeconds(60)).until(() ->
                        engine.status().ownedPartitions().stream().noneMatch(taken::contains));
                int p = taken.iterator().next();
                device = deviceOf.get(p);
                partition = new TopicPartition(Topics.READINGS, p);

                LiveStream.send(device, crashedOwner);
                String lastId = LiveStream.readingId(device, crashedOwner.get(crashedOwner.size() - 1).ts());
                boolean sawLast = false;
                while (!sawLast && System.nanoTime() < deadline + Duration.ofSeconds(60).toNanos()) {
                    for (ConsumerRecord<String, byte[]> r : second.poll(Duration.ofMillis(200))) {
                        sawLast |= device.equals(r.key()) && new String(r.value(), StandardCharsets.UTF_8).contains(lastId);
                    }
                }
                assertTrue(sawLast, "the second member read the readings of " + device);
                second.commitSync();
                // the dead member's anomalies were published by it; the service must not publish them again
            }

            // 3. its partitions come back to the service: state restored from the snapshot plus the replay
            await().atMost(Duration.ofSeconds(90)).until(() -> engine.status().ownedPartitions().size() == partitions);
            awaitSamples(device, BEFORE_CRASH + CRASHED_OWNER);
            LiveStream.send(device, after);
            awaitSamples(device, all.size());

            DetectorConfig config = Api.effectiveConfig(device);
            DeviceDetector uninterrupted = new DeviceDetector(config);
            for (Sample s : all) {
                uninterrupted.evaluate(s.ts(), s.values());
            }
            DetectorSnapshot expected = uninterrupted.snapshot();
            DetectorSnapshot live = engine.copyOf(device).snapshot();
            assertEquals(expected.samples(), live.samples(), "every sample is in the state");
            assertArrayEquals(expected.state(), live.state(), "state equals a run without the crash");

            String spikeOfDeadOwner = LiveStream.readingId(device, crashedOwner.get(10).ts());
            String spikeAfter = LiveStream.readingId(device, after.get(10).ts());
            List<AnomalyEvent> found = new ArrayList<>(LiveStream.await(anomalies, device, 1,
                    e -> e.readingId().equals(spikeAfter), Duration.ofSeconds(60)));
            found.addAll(LiveStream.drain(anomalies, device, Duration.ofSeconds(2)));
            assertTrue(found.stream().anyMatch(e -> e.readingId().equals(spikeAfter)), "live after the takeover");
            assertTrue(found.stream().noneMatch(e -> e.readingId().equals(spikeOfDeadOwner)),
                    "the replayed readings' anomalies are not published again: " + found);
            assertTrue(found.stream().allMatch(e -> !e.ts().isBefore(after.get(0).ts())),
                    "nothing of the replayed range is published: " + found);
        }
    }

    /** A level around 50 with a deterministic wobble, and a spike above the alarm limit 10 samples into each part. */
    private static List<Sample> samples(Instant t0, int count) {
        List<Sample> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            double v = 50 + 3 * Math.sin(i / 5.0) + (i % 7) * 0.3;
            if (i == BEFORE_CRASH + 10 || i == BEFORE_CRASH + CRASHED_OWNER + 10) {
                v = 95;
            }
            Instant ts = t0.plusSeconds(i);
            out.add(new Sample(ts.toString(), ts, Map.of("level", v)));
        }
        return out;
    }

    private void awaitSamples(String device, long n) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> held(device)
                .map(s -> s.samples() == n).orElse(false));
    }

    private Optional<DetectionEngine.DeviceStatus> held(String device) {
        return engine.status().deviceStates().stream().filter(s -> s.deviceId().equals(device)).findFirst();
    }

    private static int partitionOf(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    private static KafkaConsumer<String, byte[]> consumer(String group) {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer());
    }
}
