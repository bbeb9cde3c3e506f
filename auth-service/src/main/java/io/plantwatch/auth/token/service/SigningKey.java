package io.plantwatch.auth.token.service;

import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;

/** A decoded key of the ring. */
public record SigningKey(String kid, PrivateKey privateKey, RSAPublicKey publicKey, String status,
        Instant activatedAt, Instant publishUntil) {

    public boolean active() {
        return KeyRing.ACTIVE.equals(status);
    }

    /** Whether tokens signed with it are still accepted at {@code now}. */
    public boolean published(Instant now) {
        return active() || KeyRing.RETIRED.equals(status) && publishUntil != null && publishUntil.isAfter(now);
    }
}
