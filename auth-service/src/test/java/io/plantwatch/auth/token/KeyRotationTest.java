package io.plantwatch.auth.token;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.plantwatch.auth.support.Accounts;
import io.plantwatch.auth.support.Accounts.Account;
import io.plantwatch.auth.token.repository.SigningKeyRepository;
import io.plantwatch.auth.token.service.KeyRing;
import io.plantwatch.auth.token.service.SigningKey;
import io.plantwatch.local.keys.JwtKeyFiles;
import io.plantwatch.local.testing.JwtTestResource;
import io.plantwatch.local.testing.KafkaTestResource;
import io.plantwatch.local.testing.MongoTestResource;
import io.plantwatch.local.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import jakarta.inject.Inject;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.VerificationJwkSelector;
import org.jose4j.jws.JsonWebSignature;
import org.junit.jupiter.api.Test;

import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** JWKS, kid in tokens, and rotation that keeps the previous key valid until its tokens expire. */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(KafkaTestResource.class)
class KeyRotationTest {

    @Inject
    KeyRing keys;

    @Inject
    SigningKeyRepository stored;

    @Test
    void tokensCarryTheKidOfAJwksKeyThatVerifiesThem() throws Exception {
        Account user = Accounts.create("jwks", "viewer");
        String token = Accounts.accessToken(user);
        String jwks = given().get("/api/v1/auth/jwks").then().statusCode(200)
                .header("Cache-Control", org.hamcrest.Matchers.containsString("max-age=60")).extract().asString();
        JsonWebSignature jws = new JsonWebSignature();
        jws.setCompactSerialization(token);
        assertEquals(keys.active().kid(), jws.getKeyIdHeaderValue());
        var jwk = new VerificationJwkSelector().select(jws, new JsonWebKeySet(jwks).getJsonWebKeys());
        jws.setKey(jwk.getKey());
        assertTrue(jws.verifySignature(), "the JWKS key verifies the token");
        assertTrue(jwks.contains("\"alg\":\"RS256\"") && jwks.contains("\"use\":\"sig\""), jwks);
        assertTrue(!jwks.contains("\"d\""), "no private parts in the JWKS");
    }

    @Test
    void theConfiguredPemKeyIsImportedSoItsTokensVerify() {
        // TestTokens sign with the PEM key of JwtTestResource, without a kid
        given().auth().oauth2(TestTokens.viewer()).get("/api/v1/posts").then().statusCode(200);
        String kid = KeyRing.kidOf(pemPublicKey());
        assertTrue(keys.published().stream().anyMatch(k -> k.kid().equals(kid)) || stored.findById(kid) != null);
    }

    @Test
    void rotationKeepsThePreviousKeyUntilItsTokensExpire() {
        // start from a generated key, so that the configured PEM key (which TestTokens use) is never expired here
        keys.rotate();
        Account user = Accounts.create("rot", "operator");
        String before = Accounts.accessToken(user);
        SigningKey old = keys.active();
        SigningKey fresh = keys.rotate();
        assertNotEquals(old.kid(), fresh.kid());

        String after = Accounts.accessToken(user);
        JsonWebSignature jws = new JsonWebSignature();
        try {
            jws.setCompactSerialization(after);
            assertEquals(fresh.kid(), jws.getKeyIdHeaderValue());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        List<String> published = given().get("/api/v1/auth/jwks").then().statusCode(200).extract().jsonPath()
                .getList("keys.kid");
        assertTrue(published.containsAll(List.of(old.kid(), fresh.kid())), published.toString());
        given().auth().oauth2(before).get("/api/v1/auth/me").then().statusCode(200);
        given().auth().oauth2(after).get("/api/v1/auth/me").then().statusCode(200);

        // once the retired key's grace has passed it leaves the JWKS and its tokens stop working
        stored.mongoCollection().updateOne(Filters.eq("_id", old.kid()),
                Updates.set("publishUntil", Instant.now().minusSeconds(1)));
        keys.rotate(); // also reloads the ring; the key that signed 'after' is now retired but within grace
        List<String> now = given().get("/api/v1/auth/jwks").then().statusCode(200).extract().jsonPath()
                .getList("keys.kid");
        assertTrue(!now.contains(old.kid()) && now.contains(fresh.kid()), now.toString());
        given().auth().oauth2(before).get("/api/v1/auth/me").then().statusCode(401);
        given().auth().oauth2(after).get("/api/v1/auth/me").then().statusCode(200);
    }

    @Test
    void theNextKeyIsInTheJwksBeforeItSignsAnything() {
        SigningKey signing = keys.active();
        SigningKey next = keys.prepareNext();
        assertNotEquals(signing.kid(), next.kid());
        assertEquals(next.kid(), keys.prepareNext().kid(), "one next key, not one per call");
        List<String> published = given().get("/api/v1/auth/jwks").then().statusCode(200).extract().jsonPath()
                .getList("keys.kid");
        assertTrue(published.containsAll(List.of(signing.kid(), next.kid())), published.toString());
        Account user = Accounts.create("next", "viewer");
        String before = Accounts.accessToken(user);
        assertEquals(signing.kid(), kidOf(before), "the next key signs nothing before the rotation");

        SigningKey promoted = keys.rotate();
        assertEquals(next.kid(), promoted.kid(), "the rotation promotes the key verifiers already know");
        String after = Accounts.accessToken(user);
        assertEquals(next.kid(), kidOf(after));
        given().auth().oauth2(before).get("/api/v1/auth/me").then().statusCode(200);
        given().auth().oauth2(after).get("/api/v1/auth/me").then().statusCode(200);
    }

    private static String kidOf(String token) {
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setCompactSerialization(token);
            return jws.getKeyIdHeaderValue();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aTokenSignedByAnUnknownKeyIs401() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        var pair = generator.generateKeyPair();
        String forged = Jwt.issuer(JwtKeyFiles.ISSUER).upn("mallory").subject("mallory").groups(Set.of("admin"))
                .expiresIn(Duration.ofMinutes(5)).jws().keyId("made-up").sign(pair.getPrivate());
        given().auth().oauth2(forged).get("/api/v1/users").then().statusCode(401);
        String noKid = Jwt.issuer(JwtKeyFiles.ISSUER).upn("mallory").subject("mallory").groups(Set.of("admin"))
                .expiresIn(Duration.ofMinutes(5)).sign(pair.getPrivate());
        given().auth().oauth2(noKid).get("/api/v1/users").then().statusCode(401);
        given().auth().oauth2(TestTokens.expired("admin", "admin")).get("/api/v1/users").then().statusCode(401);
        given().auth().oauth2(TestTokens.wrongIssuer("admin", "admin")).get("/api/v1/users").then().statusCode(401);
        given().auth().oauth2(TestTokens.tampered("admin", "admin")).get("/api/v1/users").then().statusCode(401);
    }

    private static RSAPublicKey pemPublicKey() {
        try {
            String pem = java.nio.file.Files.readString(JwtTestResource.keys().publicKey())
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return (RSAPublicKey) java.security.KeyFactory.getInstance("RSA").generatePublic(
                    new java.security.spec.X509EncodedKeySpec(java.util.Base64.getDecoder().decode(pem)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
