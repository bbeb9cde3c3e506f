package io.plantwatch.auth.follow.repository;

import io.quarkus.mongodb.panache.common.MongoEntity;
import org.bson.codecs.pojo.annotations.BsonId;

import java.time.Instant;

/**
 * A follow as stored. Removing a follow keeps the document with {@code active=false} until the removal was
 * published, so the compacted topic ends with the removal too.
 */
@MongoEntity(collection = "follows")
public class FollowEntity {
    /** {@link io.plantwatch.contracts.event.FollowEvent#idOf}. */
    @BsonId
    public String id;
    public String userId;
    public String targetKind;
    public String targetId;
    public boolean active;
    public Instant createdAt;
    public Instant updatedAt;
    public long revision;
    public boolean pendingEvent;
}
