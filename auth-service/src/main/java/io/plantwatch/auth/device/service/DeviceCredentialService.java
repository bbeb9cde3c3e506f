package io.plantwatch.auth.device.service;

import io.plantwatch.auth.device.repository.DeviceCredentialEntity;
import io.plantwatch.auth.device.repository.DeviceCredentialRepository;
import io.plantwatch.auth.login.service.LoginThrottle;
import io.plantwatch.auth.token.service.TokenIssuer;
import io.plantwatch.auth.user.config.AuthConfig;
import io.plantwatch.contracts.api.ApiError.FieldError;
import io.plantwatch.contracts.api.ApiException;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Device credentials: a random secret per device, shown once and stored hashed, exchanged by the device for a
 * short-lived token that may push only its own data.
 */
@ApplicationScoped
public class DeviceCredentialService {

    /** Same rule as device ids in ingest: what can appear in a URL path segment and an MQTT topic level. */
    static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DeviceCredentialRepository credentials;
    private final TokenIssuer tokens;
    private final LoginThrottle throttle;
    private final AuthConfig config;

    public DeviceCredentialService(DeviceCredentialRepository credentials, TokenIssuer tokens, LoginThrottle throttle,
            AuthConfig config) {
        this.credentials = credentials;
        this.tokens = tokens;
        this.throttle = throttle;
        this.config = config;
    }

    /** A credential as listed: never the secret. */
    public record Credential(String id, String deviceId, String createdBy, Instant createdAt, Instant expiresAt,
            Instant revokedAt, Instant lastUsedAt, boolean usable) {
        static Credential of(DeviceCredentialEntity e, Instant now) {
            boolean usable = e.revokedAt == null && (e.expiresAt == null || e.expiresAt.isAfter(now));
            return new Credential(e.id, e.deviceId, e.createdBy, e.createdAt, e.expiresAt, e.revokedAt, e.lastUsedAt,
                    usable);
        }
    }

    /** A new credential with its secret: the only time the secret is shown. */
    public record IssuedCredential(String id, String deviceId, String secret, Instant createdAt,
            String previousValidUntil) {
    }

    /** Creates the device's first credential; 409 when it has a usable one already (rotate instead). */
    public IssuedCredential create(String deviceId, String actor) {
        validDeviceId(deviceId);
        if (!credentials.usable(deviceId, Instant.now()).isEmpty()) {
            throw ApiException.conflict("device '" + deviceId + "' has a credential already: rotate or revoke it");
        }
        return issue(deviceId, actor, null);
    }

    /** A new secret; the previous ones keep working for the rotation grace period. */
    public IssuedCredential rotate(String deviceId, String actor) {
        validDeviceId(deviceId);
        Instant graceEnd = Instant.now().plus(config.deviceCredentials().rotationGrace());
        return issue(deviceId, actor, graceEnd);
    }

    /** Revokes every credential of the device now; returns how many were usable or pending. */
    public long revoke(String deviceId) {
        validDeviceId(deviceId);
        return credentials.revokeAll(deviceId, Instant.now());
    }

    public List<Credential> list(String deviceId) {
        validDeviceId(deviceId);
        Instant now = Instant.now();
        return credentials.ofDevice(deviceId).stream().map(e -> Credential.of(e, now)).toList();
    }

    /** The device-token exchange: 401 for a wrong id or secret (same answer for unknown devices), 429 when locked. */
    public TokenIssuer.AccessToken exchange(String deviceId, String secret, String clientAddress) {
        List<FieldError> errors = new ArrayList<>();
        if (deviceId == null || deviceId.isBlank()) {
            errors.add(new FieldError("deviceId", "is required"));
        }
        if (secret == null || secret.isBlank()) {
            errors.add(new FieldError("secret", "is required"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        String account = "device:" + deviceId;
        throttle.checkAllowed(account, clientAddress);
        Instant now = Instant.now();
        byte[] presented = HexFormat.of().parseHex(hash(secret));
        for (DeviceCredentialEntity credential : credentials.usable(deviceId, now)) {
            if (MessageDigest.isEqual(presented, HexFormat.of().parseHex(credential.secretHash))) {
                credentials.touch(credential.id, now);
                throttle.succeeded(account);
                return tokens.issueForDevice(deviceId, credential.id);
            }
        }
        throttle.failed(account, clientAddress);
        throw ApiException.unauthorized("wrong device id or secret");
    }

    private IssuedCredential issue(String deviceId, String actor, Instant previousUntil) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String secret = "pwds_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        DeviceCredentialEntity entity = new DeviceCredentialEntity();
        entity.id = UUID.randomUUID().toString();
        entity.deviceId = deviceId;
        entity.secretHash = hash(secret);
        entity.createdBy = actor;
        entity.createdAt = Instant.now();
        credentials.persist(entity);
        if (previousUntil != null) {
            credentials.expireOpenEnded(deviceId, entity.id, previousUntil);
        }
        return new IssuedCredential(entity.id, deviceId, secret, entity.createdAt,
                previousUntil == null ? null : previousUntil.toString());
    }

    private static void validDeviceId(String deviceId) {
        if (deviceId == null || !DEVICE_ID.matcher(deviceId).matches()) {
            throw ApiException.invalid("id", "must be a device id: 1-64 characters, letters, digits, '.', '_', ':' or '-'");
        }
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
