package io.plantwatch.auth.user.repository;

import io.quarkus.mongodb.panache.common.MongoEntity;
import org.bson.codecs.pojo.annotations.BsonId;

import java.time.Instant;
import java.util.Set;

/** A person's account as stored; never returned by the API (see User). */
@MongoEntity(collection = "users")
public class UserEntity {
    @BsonId
    public String id;
    public String username;
    public String email;
    public String passwordHash;
    public Set<String> roles;
    /** Sites the user belongs to (empty: all). */
    public Set<String> sites;
    public boolean disabled;
    public Instant createdAt;
    public Instant updatedAt;
    /** Increases with every change; the published UserEvent carries the state of one revision. */
    public long revision;
    /** True until the current revision was published on plant.users. */
    public boolean pendingEvent;
}
