package io.plantwatch.alert.notification.repository;

import io.quarkus.mongodb.panache.common.MongoEntity;
import org.bson.codecs.pojo.annotations.BsonId;

import java.time.Instant;

/** An immediate e-mail that went over its recipient's rate limit and goes into their next digest instead. */
@MongoEntity(collection = "digest_overflow")
public class OverflowEntity {
    @BsonId
    public String id;
    public String recipient;
    public String alarmId;
    public String deviceId;
    public String subject;
    public Instant at;
}
