package io.plantwatch.alert.directory.repository;

import io.quarkus.mongodb.panache.common.MongoEntity;
import org.bson.codecs.pojo.annotations.BsonId;

import java.time.Instant;

/** An active follow from plant.follows (removed follows are deleted). */
@MongoEntity(collection = "follows")
public class FollowEntity {
    @BsonId
    public String id;
    public String userId;
    /** DEVICE, SITE or USER. */
    public String targetKind;
    public String targetId;
    public Instant at;
}
