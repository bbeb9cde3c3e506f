package io.plantwatch.auth.token.service;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.plantwatch.auth.token.repository.SigningKeyEntity;
import io.plantwatch.auth.token.repository.SigningKeyRepository;
import io.plantwatch.auth.user.config.AuthConfig;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The RSA keys that sign tokens. One key is ACTIVE; after a rotation the previous one is RETIRED and still
 * published in the JWKS (so tokens it signed keep verifying everywhere) until the longest token lifetime has
 * passed. The key configured in {@code smallrye.jwt.sign.key.location} (the local stack's PEM file) is imported
 * at start and becomes the first active key. Rotation runs on a schedule ({@code plantwatch.auth.keys.rotation-period}).
 * The key that will sign next is generated {@code keys.pre-publish} ahead as NEXT and published in the JWKS
 * without signing anything, so every service's cached copy of the JWKS already knows it when the first token it
 * signs arrives (the JWKS is cached for a minute; an unknown kid forces a refresh only every 30 min).
 */
@ApplicationScoped
public class KeyRing {

    static final String ACTIVE = "ACTIVE";
    static final String RETIRED = "RETIRED";
    static final String STANDBY = "STANDBY";
    static final String NEXT = "NEXT";
    /** Clock skew tolerated between services, added to the publication of retired keys. */
    static final Duration SKEW = Duration.ofMinutes(1);
    /** Retired keys are deleted (private key included) this long after they left the JWKS. */
    static final Duration PURGE_AFTER = Duration.ofDays(1);

    private static final Logger LOG = Logger.getLogger(KeyRing.class);

    private final SigningKeyRepository repository;
    private final AuthConfig config;
    private final Optional<String> configuredKeyLocation;
    private volatile List<SigningKey> cache = List.of();
    private volatile Instant cachedAt = Instant.EPOCH;

    public KeyRing(SigningKeyRepository repository, AuthConfig config,
            @ConfigProperty(name = "smallrye.jwt.sign.key.location") Optional<String> configuredKeyLocation) {
        this.repository = repository;
        this.config = config;
        this.configuredKeyLocation = configuredKeyLocation.filter(s -> !s.isBlank());
    }

    void onStart(@Observes StartupEvent event) {
        configuredKeyLocation.ifPresent(this::importPem);
        if (repository.mongoCollection().countDocuments(ACTIVE_FILTER) == 0) {
            Optional<SigningKeyEntity> standby = repository.find("status", STANDBY).firstResultOptional();
            if (standby.isPresent()) {
                repository.mongoCollection().updateOne(Filters.eq("_id", standby.get().kid),
                        Updates.combine(Updates.set("status", ACTIVE), Updates.set("activatedAt", Instant.now())));
            } else {
                insert(generate(), Instant.now(), ACTIVE);
            }
        }
        reload();
    }

    private static final org.bson.conversions.Bson ACTIVE_FILTER = Filters.eq("status", ACTIVE);

    /** The key that signs new tokens. */
    public SigningKey active() {
        return current().stream().filter(SigningKey::active).max(Comparator.comparing(SigningKey::activatedAt))
                .orElseThrow(() -> new IllegalStateException("no active signing key"));
    }

    /** Keys in the JWKS now: the active one, the next one, and retired ones within their grace period. */
    public List<SigningKey> published() {
        Instant now = Instant.now();
        return current().stream().filter(k -> k.published(now)).toList();
    }

    /** The verification key of {@code kid}, re-reading the ring once when it is unknown (another instance rotated). */
    public Optional<SigningKey> byKid(String kid) {
        Instant now = Instant.now();
        Optional<SigningKey> key = current().stream().filter(k -> k.kid().equals(kid) && k.published(now)).findFirst();
        if (key.isEmpty() && Duration.between(cachedAt, now).compareTo(Duration.ofSeconds(1)) > 0) {
            reload();
            key = current().stream().filter(k -> k.kid().equals(kid) && k.published(now)).findFirst();
        }
        return key;
    }

    /** The key published ahead to sign next (generated now when there is none yet). */
    public synchronized SigningKey prepareNext() {
        Optional<SigningKeyEntity> next = repository.find("status", NEXT).firstResultOptional();
        String kid = next.map(e -> e.kid).orElseGet(() -> insert(generate(), Instant.now(), NEXT));
        reload();
        return current().stream().filter(k -> k.kid().equals(kid)).findFirst()
                .orElseThrow(() -> new IllegalStateException("next signing key " + kid + " vanished"));
    }

    /**
     * Replaces the active key by the next one (published ahead by {@link #prepareNext()}; a fresh one when there is
     * none); the previous key stays published until every token it signed has expired.
     */
    public synchronized SigningKey rotate() {
        Instant now = Instant.now();
        Duration longest = config.accessTokenLifetime().compareTo(config.deviceTokenLifetime()) > 0
                ? config.accessTokenLifetime() : config.deviceTokenLifetime();
        Optional<SigningKeyEntity> next = repository.find("status", NEXT).firstResultOptional();
        String kid;
        if (next.isPresent()) {
            kid = next.get().kid;
            repository.mongoCollection().updateOne(Filters.and(Filters.eq("_id", kid), Filters.eq("status", NEXT)),
                    Updates.combine(Updates.set("status", ACTIVE), Updates.set("activatedAt", now)));
        } else {
            kid = insert(generate(), now, ACTIVE);
        }
        repository.mongoCollection().updateMany(Filters.and(ACTIVE_FILTER, Filters.ne("_id", kid)),
                Updates.combine(Updates.set("status", RETIRED), Updates.set("retiredAt", now),
                        Updates.set("publishUntil", now.plus(longest).plus(SKEW))));
        LOG.infof("signing key rotated: new kid %s", kid);
        reload();
        return active();
    }

    /**
     * Publishes the next key when the rotation is {@code pre-publish} away, rotates when the active key is older
     * than the rotation period, and deletes keys long out of the JWKS.
     */
    @Scheduled(every = "${plantwatch.auth.keys.check-every:10m}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void maintain() {
        Instant now = Instant.now();
        Instant due = active().activatedAt().plus(config.keys().rotationPeriod());
        if (!now.isBefore(due.minus(config.keys().prePublish()))) {
            prepareNext();
        }
        if (due.isBefore(now)) {
            rotate();
        }
        repository.mongoCollection().deleteMany(Filters.and(Filters.eq("status", RETIRED),
                Filters.lt("publishUntil", now.minus(PURGE_AFTER))));
    }

    /** The JWKS document: public keys only. */
    public Map<String, Object> jwks() {
        List<Map<String, Object>> keys = new ArrayList<>();
        for (SigningKey key : published()) {
            keys.add(jwk(key.publicKey(), key.kid()));
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("keys", keys);
        return document;
    }

    static Map<String, Object> jwk(RSAPublicKey publicKey, String kid) {
        RsaJsonWebKey jwk = new RsaJsonWebKey(publicKey);
        jwk.setKeyId(kid);
        jwk.setUse("sig");
        jwk.setAlgorithm("RS256");
        return new LinkedHashMap<>(jwk.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
    }

    /** RFC 7638 thumbprint: the same key always gets the same id, on every instance and after restarts. */
    public static String kidOf(RSAPublicKey publicKey) {
        return new RsaJsonWebKey(publicKey).calculateBase64urlEncodedThumbprint("SHA-256");
    }

    private List<SigningKey> current() {
        if (Duration.between(cachedAt, Instant.now()).compareTo(config.keys().cacheTtl()) > 0) {
            reload();
        }
        return cache;
    }

    private synchronized void reload() {
        List<SigningKey> keys = new ArrayList<>();
        for (SigningKeyEntity e : repository.listAll()) {
            if (!STANDBY.equals(e.status)) {
                keys.add(decode(e));
            }
        }
        cache = List.copyOf(keys);
        cachedAt = Instant.now();
    }

    private void importPem(String location) {
        Path file = Path.of(location);
        if (!Files.exists(file)) {
            LOG.warnf("signing key file %s does not exist: the key ring generates its own key", file);
            return;
        }
        try {
            String pem = Files.readString(file).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            KeyFactory factory = KeyFactory.getInstance("RSA");
            PrivateKey privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
            RSAPrivateCrtKey crt = (RSAPrivateCrtKey) privateKey;
            RSAPublicKey publicKey = (RSAPublicKey) factory.generatePublic(
                    new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
            String kid = kidOf(publicKey);
            // setOnInsert: a key that was imported before keeps its state (a retired key never comes back).
            repository.mongoCollection().updateOne(Filters.eq("_id", kid), Updates.combine(
                    Updates.setOnInsert("privateKey", Base64.getEncoder().encodeToString(privateKey.getEncoded())),
                    Updates.setOnInsert("publicKey", Base64.getEncoder().encodeToString(publicKey.getEncoded())),
                    Updates.setOnInsert("status", STANDBY),
                    Updates.setOnInsert("createdAt", Instant.now())),
                    new com.mongodb.client.model.UpdateOptions().upsert(true));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException | ClassCastException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot read the RSA private key in " + file + ": " + e.getMessage(), e);
        }
    }

    private String insert(KeyPair pair, Instant now, String status) {
        SigningKeyEntity entity = new SigningKeyEntity();
        entity.kid = kidOf((RSAPublicKey) pair.getPublic());
        entity.privateKey = Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded());
        entity.publicKey = Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
        entity.status = status;
        entity.createdAt = now;
        entity.activatedAt = ACTIVE.equals(status) ? now : null;
        repository.persist(entity);
        return entity.kid;
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SigningKey decode(SigningKeyEntity e) {
        try {
            KeyFactory factory = KeyFactory.getInstance("RSA");
            PrivateKey privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(e.privateKey)));
            RSAPublicKey publicKey = (RSAPublicKey) factory.generatePublic(
                    new X509EncodedKeySpec(Base64.getDecoder().decode(e.publicKey)));
            return new SigningKey(e.kid, privateKey, publicKey, e.status,
                    e.activatedAt == null ? e.createdAt : e.activatedAt, e.publishUntil);
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException("signing key " + e.kid + " is unreadable", ex);
        }
    }
}
