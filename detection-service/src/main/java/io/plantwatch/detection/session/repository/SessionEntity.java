package io.plantwatch.detection.session.repository;

import io.quarkus.mongodb.panache.common.MongoEntity;
import org.bson.codecs.pojo.annotations.BsonId;

import java.time.Instant;

/** A device's detection session (collection {@code detection_sessions}); id = device id. */
@MongoEntity(collection = "detection_sessions")
public class SessionEntity {
    @BsonId
    public String deviceId;
    public boolean active;
    public Instant since;
    public Instant stoppedAt;
    public String modelId;
    public String startedBy;
    /** Every start opens a new session id; counters of an older one are not added to it. */
    public String sessionId;
    /** Increases with every start / stop of the device (the order of its plant.detection-sessions events). */
    public long revision;
    public long evaluated;
    public long anomalies;
    public Double lastScore;
    public Instant lastTs;
}
