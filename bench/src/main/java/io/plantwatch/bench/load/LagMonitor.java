package io.plantwatch.bench.load;

import io.plantwatch.contracts.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Consumer lag of the pipeline's reading consumers (detection and history) on plant.readings. */
public final class LagMonitor implements AutoCloseable {

    /** Consumer groups that must keep up with plant.readings. */
    public static final List<String> GROUPS = List.of("detection-service", "report-service-readings");

    private final Admin admin;

    public LagMonitor(String bootstrapServers) {
        this.admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers));
    }

    /** Records not yet consumed, summed over partitions, per group; a group that never committed counts from 0. */
    public Map<String, Long> lag() {
        try {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            int partitions = admin.describeTopics(List.of(Topics.READINGS)).allTopicNames().get(10, TimeUnit.SECONDS)
                    .get(Topics.READINGS).partitions().size();
            for (int p = 0; p < partitions; p++) {
                latest.put(new TopicPartition(Topics.READINGS, p), OffsetSpec.latest());
            }
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all()
                    .get(10, TimeUnit.SECONDS);
            Map<String, Long> result = new HashMap<>();
            for (String group : GROUPS) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                long lag = 0;
                for (var e : ends.entrySet()) {
                    OffsetAndMetadata c = committed.get(e.getKey());
                    lag += e.getValue().offset() - (c == null ? 0 : c.offset());
                }
                result.put(group, Math.max(0, lag));
            }
            return result;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read consumer lag: " + e.getMessage(), e);
        }
    }

    public long totalLag() {
        return lag().values().stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public void close() {
        admin.close();
    }
}
