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

    /** Whether it is in the JWKS at {@code now} (tokens it signed are accepted). */
    public boolean published(Instant now) {
        return active() || KeyRing.NEXT.equals(status)
                || KeyRing.RETIRED.equals(status) && publishUntil != null && publishUntil.isAfter(now);
    }
}
