package io.plantwatch.detection.cause.repository;

import io.quarkus.mongodb.panache.common.MongoEntity;
import org.bson.codecs.pojo.annotations.BsonId;

import java.time.Instant;

/** A maintenance hint for a cause (collection {@code cause_hints}); id = the cause. */
@MongoEntity(collection = "cause_hints")
public class CauseHintEntity {
    @BsonId
    public String cause;
    public String hint;
    public String updatedBy;
    public Instant updatedAt;
}
