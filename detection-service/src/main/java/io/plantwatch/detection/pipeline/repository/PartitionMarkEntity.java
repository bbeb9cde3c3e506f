package io.plantwatch.detection.pipeline.repository;

import io.quarkus.mongodb.panache.common.MongoEntity;
import org.bson.codecs.pojo.annotations.BsonId;

import java.time.Instant;

/**
 * How far the device snapshots of one plant.readings partition reach (collection {@code partition_marks}, id =
 * partition): every reading of the partition below {@link #offset} is in the stored state of its device.
 */
@MongoEntity(collection = "partition_marks")
public class PartitionMarkEntity {
    @BsonId
    public int partition;
    /** Next offset of the partition not covered by the snapshots. */
    public long offset;
    public Instant savedAt;
}
