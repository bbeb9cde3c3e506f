package io.plantwatch.detection.model.repository;

import io.quarkus.mongodb.panache.common.MongoEntity;
import org.bson.codecs.pojo.annotations.BsonId;

import java.time.Instant;

/** The model bound to a device (collection {@code model_selections}); id = device id. */
@MongoEntity(collection = "model_selections")
public class SelectionEntity {
    @BsonId
    public String deviceId;
    /** Null after a deselect. */
    public String modelId;
    public boolean selected;
    public String changedBy;
    public long revision;
    public Instant at;
}
