package io.plantwatch.alert.notification.repository;

import io.quarkus.mongodb.panache.common.MongoEntity;
import org.bson.codecs.pojo.annotations.BsonId;

import java.time.Instant;

/** An anomaly kept for the digests (id = anomaly id; {@code at} = when alert-service took it in). */
@MongoEntity(collection = "anomaly_journal")
public class JournalEntity {
    @BsonId
    public String id;
    public String deviceId;
    public String deviceName;
    public String site;
    public String channel;
    public String unit;
    public String type;
    public String severity;
    public int severityRank;
    public Double value;
    public Double expectedLow;
    public Double expectedHigh;
    public String message;
    public Instant ts;
    public Instant at;
}
