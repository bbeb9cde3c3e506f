package io.plantwatch.detection.pipeline;

import io.plantwatch.contracts.Channels;
import io.plantwatch.contracts.Topics;
import io.plantwatch.contracts.event.AnomalyEvent;
import io.plantwatch.detection.backtest.CsvSamples;
import io.plantwatch.detection.backtest.Datasets;
import io.plantwatch.detection.backtest.Sample;
import io.plantwatch.detection.detector.DetectorSnapshot;
import io.plantwatch.detection.pipeline.kafka.ReadingsRebalanceListener;
import io.plantwatch.detection.pipeline.repository.SnapshotStore;
import io.plantwatch.detection.pipeline.repository.StoredState;
import io.plantwatch.detection.pipeline.service.DetectionEngine;
import io.plantwatch.detection.support.Api;
import io.plantwatch.detection.support.Expected;
import io.plantwatch.detection.support.LiveStream;
import io.plantwatch.local.testing.JwtTestResource;
import io.plantwatch.local.testing.KafkaTestResource;
import io.plantwatch.local.testing.MongoTestResource;
import io.plantwatch.local.testing.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A device's learned state survives its partition being revoked (snapshot to MongoDB, state dropped from memory — what
 * a restart or a rebalance does) and assigned again (restore): the live verdicts of the whole stream equal those of
 * an uninterrupted run, so nothing is learned again.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(MongoTestResource.class)
@WithTestResource(JwtTestResource.class)
class StateRestoreTest {

    @Inject
    @Identifier(Channels.READINGS_IN)
    ReadingsRebalanceListener rebalance;
    @Inject
    DetectionEngine engine;
    @Inject
    SnapshotStore snapshots;

    @Test
    void revokeThenAssignContinuesWhereTheDeviceStopped() throws Exception {
        List<Sample> samples = CsvSamples.parse(Files.readString(Datasets.root().resolve("skab/valve1/9.csv")),
                CsvSamples.Format.SKAB).samples();
        int cut = 500; // after the 400-sample warm-up, before the valve fault (row 575)
        String device = LiveStream.device("restore");
        Expected.Run uninterrupted = Expected.backtest(device, samples, Api.effectiveConfig(device));
        assertTrue(uninterrupted.events().values().stream().anyMatch(e -> e.detector().equals("mewma")
                && !e.ts().isBefore(samples.get(cut).ts())), "after the cut only trained detectors find the fault");

        Map<String, AnomalyEvent> live;
        try (TopicProbe probe = LiveStream.anomalies()) {
            LiveStream.send(device, samples.subList(0, cut));
            DetectionEngine.DeviceStatus before = awaitHeld(device, cut);
            assertTrue(before.trained());

            TopicPartition partition = new TopicPartition(Topics.READINGS, before.partition());
            rebalance.onPartitionsRevoked(null, List.of(partition));
            assertTrue(held(device).isEmpty(), "a revoked partition's devices leave memory");
            StoredState stored = snapshots.stateOf(device);
            assertNotNull(stored, "and their state is in MongoDB");
            assertEquals(cut, stored.snapshot().samples());
            assertEquals(samples.get(cut - 1).ts(), stored.lastTs());

            rebalance.onPartitionsAssigned(null, List.of(partition));
            DetectionEngine.DeviceStatus after = awaitHeld(device, cut);
            assertTrue(after.trained(), "restored trained: no new warm-up");

            LiveStream.send(device, samples.subList(cut, samples.size()));
            LiveStream.await(probe, device, uninterrupted.events().size(), e -> !e.detector().equals("missing"),
                    Duration.ofSeconds(120));
            live = LiveStream.drain(probe, device, Duration.ofSeconds(2)).stream()
                    .filter(e -> !e.detector().equals("missing"))
                    .collect(Collectors.toMap(AnomalyEvent::id, Function.identity(), (a, b) -> a, TreeMap::new));
        }
        assertEquals(uninterrupted.events(), live, "verdicts identical to an uninterrupted run");
    }

    @Test
    void aSnapshotNeverReplacesOneFurtherAlongTheStream() {
        String device = LiveStream.device("snapshot-order");
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        assertEquals(0, snapshots.saveAll(List.of(state(device, t.plusSeconds(10), 10))));
        assertEquals(1, snapshots.saveAll(List.of(state(device, t.plusSeconds(5), 5))),
                "an older state (e.g. from the partition's previous owner) is refused");
        assertEquals(10, snapshots.stateOf(device).snapshot().samples());
        assertEquals(0, snapshots.saveAll(List.of(state(device, t.plusSeconds(20), 20))));
        assertEquals(20, snapshots.stateOf(device).snapshot().samples());
        assertFalse(snapshots.statesInPartitions(List.of(3)).stream().noneMatch(s -> s.deviceId().equals(device)));
    }

    private static StoredState state(String device, Instant lastTs, long samples) {
        return new StoredState(device, 3, "structure", new DetectorSnapshot(1, device, samples, new byte[] {1, 2}),
                lastTs, "r-" + samples, System.currentTimeMillis());
    }

    private Optional<DetectionEngine.DeviceStatus> held(String device) {
        return engine.status().deviceStates().stream().filter(s -> s.deviceId().equals(device)).findFirst();
    }

    private DetectionEngine.DeviceStatus awaitHeld(String device, long samples) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() ->
                held(device).map(s -> s.samples() == samples).orElse(false));
        return held(device).orElseThrow();
    }
}
