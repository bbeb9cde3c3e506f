package io.plantwatch.auth.token.service;

import io.plantwatch.auth.user.config.AuthConfig;
import io.plantwatch.auth.user.service.Role;
import io.plantwatch.auth.user.service.User;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Signs RS256 access tokens with the active key of the {@link KeyRing} ({@code kid} header set; issuer:
 * smallrye.jwt.new-token.issuer).
 */
@ApplicationScoped
public class TokenIssuer {

    private final AuthConfig config;
    private final KeyRing keys;

    public TokenIssuer(AuthConfig config, KeyRing keys) {
        this.config = config;
        this.keys = keys;
    }

    /** A person's access token: {@code upn}, {@code groups} (roles), {@code uid}. */
    public AccessToken issue(User user) {
        return sign(Jwt.upn(user.username()).subject(user.id()).groups(user.roles()).claim("uid", user.id())
                .claim("email", user.email()), config.accessTokenLifetime());
    }

    /** A device's access token: role {@code device} and the {@code deviceId} it may push for, nothing else. */
    public AccessToken issueForDevice(String deviceId, String credentialId) {
        return sign(Jwt.upn("device:" + deviceId).subject("device:" + deviceId).groups(Set.of(Role.DEVICE))
                .claim("deviceId", deviceId).claim("cid", credentialId), config.deviceTokenLifetime());
    }

    private AccessToken sign(JwtClaimsBuilder claims, Duration lifetime) {
        Instant expires = Instant.now().plus(lifetime);
        SigningKey key = keys.active();
        String token = claims.issuedAt(Instant.now()).expiresAt(expires).jws().keyId(key.kid()).algorithm(
                io.smallrye.jwt.algorithm.SignatureAlgorithm.RS256).sign(key.privateKey());
        return new AccessToken(token, "Bearer", lifetime.toSeconds(), expires);
    }

    /** An access token as the API returns it. */
    public record AccessToken(String accessToken, String tokenType, long expiresIn, Instant expiresAt) {
    }
}
