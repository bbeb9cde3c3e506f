package io.plantwatch.local.keys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * An RSA-2048 key pair in PEM files, generated on first use and never committed: {@code jwt-private.pem}
 * (PKCS#8, read by auth-service to sign) and {@code jwt-public.pem} (X.509, read by every service to verify).
 */
public record JwtKeyFiles(Path privateKey, Path publicKey) {

    /** Issuer of every PlantWatch token (mp.jwt.verify.issuer = smallrye.jwt.new-token.issuer). */
    public static final String ISSUER = "https://plantwatch.local";

    /** The key files in {@code dir}, created when missing. */
    public static JwtKeyFiles inDirectory(Path dir) {
        JwtKeyFiles files = new JwtKeyFiles(dir.resolve("jwt-private.pem"), dir.resolve("jwt-public.pem"));
        if (!Files.exists(files.privateKey) || !Files.exists(files.publicKey)) {
            files.generate();
        }
        return files;
    }

    private void generate() {
        try {
            Files.createDirectories(privateKey.getParent());
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            writeSecret(privateKey, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Files.writeString(publicKey, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads the private key back (for tests that sign their own tokens). */
    public PrivateKey loadPrivateKey() {
        try {
            String pem = Files.readString(privateKey).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    /** Writes a file readable by its owner only (where the file system supports it). */
    public static void writeSecret(Path file, String content) throws IOException {
        Files.writeString(file, content);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // non-POSIX file system: permissions are the platform's
        }
    }
}
