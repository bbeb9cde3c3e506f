package io.plantwatch.auth.token.service;

import io.plantwatch.auth.token.repository.RefreshTokenEntity;
import io.plantwatch.auth.token.repository.RefreshTokenRepository;
import io.plantwatch.auth.user.config.AuthConfig;
import io.plantwatch.contracts.api.ApiException;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Rotating refresh tokens: each use returns a successor and retires the used token; presenting a retired token
 * again means it was copied, so the whole family (every token since that login) is revoked.
 */
@ApplicationScoped
public class RefreshTokens {

    private static final Logger LOG = Logger.getLogger(RefreshTokens.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final RefreshTokenRepository repository;
    private final AuthConfig config;

    public RefreshTokens(RefreshTokenRepository repository, AuthConfig config) {
        this.repository = repository;
        this.config = config;
    }

    /** A new family, at login. Returns the token (shown once). */
    public String startFamily(String userId) {
        return issue(userId, UUID.randomUUID().toString());
    }

    /**
     * Exchanges a refresh token for its successor and tells whose it is. Unknown, expired or revoked tokens are
     * 401; a token used before revokes its family and is 401.
     */
    public Rotation rotate(String token) {
        Instant now = Instant.now();
        RefreshTokenEntity stored = token == null || token.isBlank() ? null : repository.findById(hash(token));
        if (stored == null || stored.revokedAt != null || stored.expiresAt.isBefore(now)) {
            throw ApiException.unauthorized("refresh token is invalid or expired: log in again");
        }
        if (!repository.markUsed(stored.hash, now)) {
            long revoked = repository.revokeFamily(stored.familyId, now);
            LOG.warnf("refresh token reuse for user %s: family %s revoked (%d tokens)", stored.userId,
                    stored.familyId, revoked);
            throw ApiException.unauthorized("refresh token was already used: every session of this login is revoked");
        }
        return new Rotation(stored.userId, stored.familyId, issue(stored.userId, stored.familyId));
    }

    /** Ends the login the token belongs to (its whole family). Unknown tokens are ignored. */
    public void logout(String token) {
        if (token == null || token.isBlank()) {
            return;
        }
        RefreshTokenEntity stored = repository.findById(hash(token));
        if (stored != null) {
            repository.revokeFamily(stored.familyId, Instant.now());
        }
    }

    /** Ends every login of a user (password change, disable, reset). */
    public void revokeAll(String userId) {
        repository.revokeUser(userId, Instant.now());
    }

    /** Revokes the family of {@code familyId} (e.g. after a user's own password change, the other sessions). */
    public void revokeFamily(String familyId) {
        repository.revokeFamily(familyId, Instant.now());
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purgeExpired() {
        repository.deleteExpiredBefore(Instant.now().minus(Duration.ofDays(1)));
    }

    private String issue(String userId, String familyId) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        RefreshTokenEntity entity = new RefreshTokenEntity();
        entity.hash = hash(token);
        entity.familyId = familyId;
        entity.userId = userId;
        entity.issuedAt = Instant.now();
        entity.expiresAt = entity.issuedAt.plus(config.refreshTokenLifetime());
        repository.persist(entity);
        return token;
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The successor of a refresh token and whose it is. */
    public record Rotation(String userId, String familyId, String refreshToken) {
    }
}
