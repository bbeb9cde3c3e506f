package io.plantwatch.detection.session.repository;

import io.quarkus.mongodb.panache.common.MongoEntity;
import org.bson.codecs.pojo.annotations.BsonId;

import java.util.Date;
import java.util.List;

/** One logged evaluation (collection {@code detection_logs}, TTL on {@code at}). */
@MongoEntity(collection = "detection_logs")
public class LogEntity {
    @BsonId
    public String id;
    public String sessionId;
    public String deviceId;
    /** Device time of the reading. */
    public Date ts;
    /** When it was logged; the TTL index removes entries after the retention. */
    public Date at;
    public String readingId;
    public double score;
    public boolean alarm;
    public int anomalies;
    public List<String> detectors;
    public String model;
}
