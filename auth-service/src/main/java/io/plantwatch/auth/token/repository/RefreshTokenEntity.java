package io.plantwatch.auth.token.repository;

import io.quarkus.mongodb.panache.common.MongoEntity;
import org.bson.codecs.pojo.annotations.BsonId;

import java.time.Instant;

/** A refresh token as stored: only its SHA-256 hash, never the token. */
@MongoEntity(collection = "refresh_tokens")
public class RefreshTokenEntity {
    /** SHA-256 of the token, hex. */
    @BsonId
    public String hash;
    /** All tokens descending from one login share a family; reuse of a rotated one revokes the family. */
    public String familyId;
    public String userId;
    public Instant issuedAt;
    public Instant expiresAt;
    /** When it was exchanged for a successor (a second use is a theft signal). */
    public Instant usedAt;
    public Instant revokedAt;
}
