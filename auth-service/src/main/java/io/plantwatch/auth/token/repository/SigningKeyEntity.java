package io.plantwatch.auth.token.repository;

import io.quarkus.mongodb.panache.common.MongoEntity;
import org.bson.codecs.pojo.annotations.BsonId;

import java.time.Instant;

/**
 * One RSA signing key of the key ring. The private key is stored so that every auth-service instance signs with
 * the same key; the database of auth-service must therefore be protected like a key store.
 */
@MongoEntity(collection = "signing_keys")
public class SigningKeyEntity {
    /** Key id: RFC 7638 thumbprint of the public key (the {@code kid} header of tokens). */
    @BsonId
    public String kid;
    /** PKCS#8, base64. */
    public String privateKey;
    /** X.509 SubjectPublicKeyInfo, base64. */
    public String publicKey;
    /** ACTIVE (signs new tokens), RETIRED (only verifies until {@link #publishUntil}) or STANDBY (imported, unused). */
    public String status;
    public Instant createdAt;
    public Instant activatedAt;
    public Instant retiredAt;
    /** Until when a retired key stays in the JWKS: its last token's expiry plus a margin. */
    public Instant publishUntil;
}
