package io.plantwatch.detection.model.repository;

import io.quarkus.mongodb.panache.common.MongoEntity;
import org.bson.codecs.pojo.annotations.BsonId;

/** One chunk of a model's stored bytes (collection {@code model_chunks}); id = modelId + ":" + index. */
@MongoEntity(collection = "model_chunks")
public class ModelChunkEntity {
    @BsonId
    public String id;
    public String modelId;
    public int index;
    public byte[] data;
}
