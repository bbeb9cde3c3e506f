package io.plantwatch.local.stack;

import io.plantwatch.local.keys.JwtKeyFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Secrets of the local stack, generated at first start into the (git-ignored) data folder: the JWT key pair
 * and the password of the bootstrap {@code admin} user.
 */
public record StackSecrets(JwtKeyFiles jwtKeys, Path adminPasswordFile) {

    public static final String ADMIN_USER = "admin";

    public static StackSecrets ensure(Path dataDir) {
        JwtKeyFiles keys = JwtKeyFiles.inDirectory(dataDir.resolve("keys"));
        Path password = dataDir.resolve("admin-password");
        if (!Files.exists(password)) {
            byte[] random = new byte[15];
            new SecureRandom().nextBytes(random);
            try {
                JwtKeyFiles.writeSecret(password, Base64.getUrlEncoder().withoutPadding().encodeToString(random) + "\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new StackSecrets(keys, password);
    }

    public String adminPassword() {
        try {
            return Files.readString(adminPasswordFile).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
