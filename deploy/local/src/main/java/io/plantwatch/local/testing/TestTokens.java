package io.plantwatch.local.testing;

import io.plantwatch.local.keys.JwtKeyFiles;
import io.smallrye.jwt.build.Jwt;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Access tokens signed with the test keys of {@link JwtTestResource}, shaped like auth-service's:
 * {@code upn}, {@code groups} (roles), {@code uid}; device tokens carry {@code deviceId}.
 */
public final class TestTokens {

    private TestTokens() {
    }

    public static String user(String username, String... roles) {
        return Jwt.issuer(JwtKeyFiles.ISSUER).upn(username).subject(username).groups(Set.of(roles))
                .claim("uid", "uid-" + username).expiresIn(Duration.ofMinutes(15))
                .sign(JwtTestResource.keys().loadPrivateKey());
    }

    public static String admin() {
        return user("admin", "admin");
    }

    public static String operator() {
        return user("operator", "operator");
    }

    public static String viewer() {
        return user("viewer", "viewer");
    }

    /** A device credential's token: role {@code device}, allowed to push only {@code deviceId}. */
    public static String device(String deviceId) {
        return Jwt.issuer(JwtKeyFiles.ISSUER).upn("device:" + deviceId).subject("device:" + deviceId)
                .groups(Set.of("device")).claim("deviceId", deviceId).expiresIn(Duration.ofHours(1))
                .sign(JwtTestResource.keys().loadPrivateKey());
    }

    public static String expired(String username, String... roles) {
        Instant past = Instant.now().minus(Duration.ofHours(2));
        return Jwt.issuer(JwtKeyFiles.ISSUER).upn(username).groups(Set.of(roles)).issuedAt(past)
                .expiresAt(past.plus(Duration.ofMinutes(15))).sign(JwtTestResource.keys().loadPrivateKey());
    }

    public static String wrongIssuer(String username, String... roles) {
        return Jwt.issuer("https://attacker.example").upn(username).groups(Set.of(roles))
                .expiresIn(Duration.ofMinutes(15)).sign(JwtTestResource.keys().loadPrivateKey());
    }

    /** A valid token whose payload was altered after signing. */
    public static String tampered(String username, String... roles) {
        String token = user(username, roles);
        String[] parts = token.split("\\.");
        String payload = new String(java.util.Base64.getUrlDecoder().decode(parts[1]));
        String forged = payload.replace("\"" + username + "\"", "\"" + username + "x\"");
        parts[1] = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(forged.getBytes());
        return String.join(".", parts);
    }
}
