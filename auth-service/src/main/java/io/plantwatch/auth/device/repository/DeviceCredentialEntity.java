package io.plantwatch.auth.device.repository;

import io.quarkus.mongodb.panache.common.MongoEntity;
import org.bson.codecs.pojo.annotations.BsonId;

import java.time.Instant;

/** A device's secret as stored: its SHA-256 hash only (the secret is shown once, at creation). */
@MongoEntity(collection = "device_credentials")
public class DeviceCredentialEntity {
    @BsonId
    public String id;
    public String deviceId;
    /** SHA-256 of the secret, hex. A fast hash is enough: the secret is 256 random bits, not a password. */
    public String secretHash;
    public String createdBy;
    public Instant createdAt;
    /** Set when rotated: the old secret keeps working until then, so the device can be updated. */
    public Instant expiresAt;
    public Instant revokedAt;
    public Instant lastUsedAt;
}
