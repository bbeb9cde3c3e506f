package io.plantwatch.detection.pipeline.kafka;

import io.plantwatch.contracts.Channels;
import io.plantwatch.contracts.Topics;
import io.plantwatch.detection.pipeline.repository.PartitionMarkStore;
import io.plantwatch.detection.pipeline.service.DetectionEngine;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Moves device state with the partitions of plant.readings (configured as the readings channel's
 * {@code consumer-rebalance-listener.name}): revoked partitions are snapshotted before they go, assigned ones are
 * restored before their first batch, so a restart or a rebalance does not learn from zero. A partition whose
 * snapshot mark lies below the committed position (its owner was killed between a snapshot and a commit) is rewound
 * to the mark, and the readings up to the committed position go into detector state only. Called on the Kafka
 * polling thread; the detector work itself runs on the engine thread.
 */
@ApplicationScoped
@Identifier(Channels.READINGS_IN)
public class ReadingsRebalanceListener implements KafkaConsumerRebalanceListener {

    private static final Logger LOG = Logger.getLogger(ReadingsRebalanceListener.class);

    private final DetectionEngine engine;
    private final PartitionMarkStore marks;

    public ReadingsRebalanceListener(DetectionEngine engine, PartitionMarkStore marks) {
        this.engine = engine;
        this.marks = marks;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        List<Integer> mine = readings(partitions);
        if (mine.isEmpty()) {
            return;
        }
        Map<Integer, Long> replayBelow = new HashMap<>();
        if (consumer == null) {
            // called by hand (tests): nothing to seek
            engine.assign(mine);
            return;
        }
        try {
            Map<Integer, Long> covered = marks.marksOf(mine);
            for (TopicPartition tp : partitions) {
                Long mark = covered.get(tp.partition());
                if (!Topics.READINGS.equals(tp.topic()) || mark == null) {
                    continue;
                }
                long position = consumer.position(tp);
                if (mark < position) {
                    consumer.seek(tp, mark);
                    replayBelow.put(tp.partition(), position);
                    LOG.infof("partition %d: snapshots reach offset %d, committed %d: replaying %d readings into state",
                            tp.partition(), mark, position, position - mark);
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("snapshot marks of partitions %s unavailable (%s): resuming at the committed offsets", mine,
                    e.toString());
        }
        engine.assign(mine, replayBelow);
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
