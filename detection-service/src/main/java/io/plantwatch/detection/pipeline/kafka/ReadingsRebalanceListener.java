package io.plantwatch.detection.pipeline.kafka;

import io.plantwatch.contracts.Channels;
import io.plantwatch.contracts.Topics;
import io.plantwatch.detection.pipeline.service.DetectionEngine;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

import java.util.Collection;
import java.util.List;

/**
 * Moves device state with the partitions of plant.readings (configured as the readings channel's
 * {@code consumer-rebalance-listener.name}): revoked partitions are snapshotted before they go, assigned ones are
 * restored before their first batch, so a restart or a rebalance does not learn from zero. Called on the Kafka
 * polling thread; the work itself runs on the engine thread.
 */
@ApplicationScoped
@Identifier(Channels.READINGS_IN)
public class ReadingsRebalanceListener implements KafkaConsumerRebalanceListener {

    private final DetectionEngine engine;

    public ReadingsRebalanceListener(DetectionEngine engine) {
        this.engine = engine;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        List<Integer> mine = readings(partitions);
        if (!mine.isEmpty()) {
            engine.assign(mine);
        }
    }

    /** Also called for lost partitions; the snapshot store never overwrites a newer state of their next owner. */
    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        List<Integer> mine = readings(partitions);
        if (!mine.isEmpty()) {
            engine.revoke(mine);
        }
    }

    private static List<Integer> readings(Collection<TopicPartition> partitions) {
        return partitions.stream().filter(p -> Topics.READINGS.equals(p.topic())).map(TopicPartition::partition)
                .toList();
    }
}
