package io.plantwatch.auth.login.repository;

import io.quarkus.mongodb.panache.common.MongoEntity;
import org.bson.codecs.pojo.annotations.BsonId;

import java.time.Instant;

/** Failed attempts of one account name or one client address within the current window. */
@MongoEntity(collection = "login_failures")
public class LoginFailureEntity {
    /** "account|name" or "address|ip" (account names as typed, so unknown accounts behave like known ones). */
    @BsonId
    public String key;
    public int failures;
    public Instant windowStart;
    public Instant lockedUntil;
}
