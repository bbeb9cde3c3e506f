package io.plantwatch.detection.configuration.repository;

import io.quarkus.mongodb.panache.common.MongoEntity;
import org.bson.codecs.pojo.annotations.BsonId;

import java.time.Instant;

/**
 * A stored configuration override (collection {@code detector_configs}): id = device id, or
 * {@link ConfigOverrideStore#SERVICE_WIDE} for the layer that applies to every device.
 */
@MongoEntity(collection = "detector_configs")
public class ConfigOverrideEntity {
    @BsonId
    public String id;
    /** The override as JSON text (channel names may contain characters MongoDB field names should not). */
    public String override;
    /** Increases with every write; instances apply a change once per revision. */
    public long revision;
    public Instant updatedAt;
    public String updatedBy;
}
