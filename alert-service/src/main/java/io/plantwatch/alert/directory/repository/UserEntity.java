package io.plantwatch.alert.directory.repository;

import io.quarkus.mongodb.panache.common.MongoEntity;
import org.bson.codecs.pojo.annotations.BsonId;

import java.time.Instant;
import java.util.Set;

/** alert-service's projection of a user account from plant.users. */
@MongoEntity(collection = "users")
public class UserEntity {
    @BsonId
    public String id;
    public String username;
    public String email;
    public Set<String> roles;
    /** Sites the user belongs to; empty means all. */
    public Set<String> sites;
    public boolean disabled;
    public Instant at;
}
