package io.plantwatch.auth.post.repository;

import io.quarkus.mongodb.panache.common.MongoEntity;
import org.bson.codecs.pojo.annotations.BsonId;

import java.time.Instant;

/** An operator logbook entry as stored. */
@MongoEntity(collection = "posts")
public class PostEntity {
    @BsonId
    public String id;
    public String authorId;
    public String authorName;
    public String text;
    public String deviceId;
    public String alarmId;
    /** Site of the device (from plant.devices) or given explicitly, so site followers see it. */
    public String site;
    public Instant createdAt;
    public Instant editedAt;
}
