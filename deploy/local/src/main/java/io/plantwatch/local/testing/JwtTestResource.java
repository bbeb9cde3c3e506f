package io.plantwatch.local.testing;

import io.plantwatch.local.keys.JwtKeyFiles;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.nio.file.Path;
import java.util.Map;

/**
 * JWT keys for a {@code @QuarkusTest}: a key pair generated under target/ (never committed), configured for both
 * verifying (every service) and signing (auth-service). Tests sign their own tokens with {@link TestTokens}.
 */
public class JwtTestResource implements QuarkusTestResourceLifecycleManager {

    private static JwtKeyFiles keys;

    public static synchronized JwtKeyFiles keys() {
        if (keys == null) {
            keys = JwtKeyFiles.inDirectory(Path.of("target", "plantwatch-test", "jwt").toAbsolutePath());
        }
        return keys;
    }

    @Override
    public Map<String, String> start() {
        JwtKeyFiles k = keys();
        return Map.of(
                "mp.jwt.verify.publickey.location", k.publicKey().toString(),
                "mp.jwt.verify.issuer", JwtKeyFiles.ISSUER,
                "smallrye.jwt.sign.key.location", k.privateKey().toString(),
                "smallrye.jwt.new-token.issuer", JwtKeyFiles.ISSUER);
    }

    @Override
    public void stop() {
        // keys are reused across the module's tests
    }
}
