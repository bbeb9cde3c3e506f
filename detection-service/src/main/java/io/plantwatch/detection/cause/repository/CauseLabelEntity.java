package io.plantwatch.detection.cause.repository;

import io.quarkus.mongodb.panache.common.MongoEntity;
import org.bson.codecs.pojo.annotations.BsonId;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** An operator's cause label of an anomaly window (collection {@code cause_labels}). */
@MongoEntity(collection = "cause_labels")
public class CauseLabelEntity {
    @BsonId
    public String id;
    public String deviceId;
    public String deviceType;
    public String alarmId;
    public Instant from;
    public Instant to;
    public String cause;
    public List<String> channels;
    /** Feature names may hold dots (channel names): kept as two parallel lists, not as a document. */
    public List<String> featureNames;
    public List<Double> featureValues;
    public String createdBy;
    public Instant createdAt;
}
