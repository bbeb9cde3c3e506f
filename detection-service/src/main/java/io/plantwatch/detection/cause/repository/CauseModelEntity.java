package io.plantwatch.detection.cause.repository;

import io.quarkus.mongodb.panache.common.MongoEntity;
import org.bson.codecs.pojo.annotations.BsonId;

import java.time.Instant;
import java.util.List;

/** The trained cause classifier of a device type (collection {@code cause_models}): Tribuo protobuf bytes. */
@MongoEntity(collection = "cause_models")
public class CauseModelEntity {
    @BsonId
    public String deviceType;
    public List<String> channels;
    public List<String> causes;
    public int labels;
    public byte[] model;
    /** The out-of-distribution guard (standardisation, class centroids, bound) as JSON; null if trained before. */
    public String guard;
    public Instant trainedAt;
}
