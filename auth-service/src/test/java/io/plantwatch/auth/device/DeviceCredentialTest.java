package io.plantwatch.auth.device;

import io.plantwatch.auth.device.repository.DeviceCredentialRepository;
import io.plantwatch.local.testing.JwtTestResource;
import io.plantwatch.local.testing.KafkaTestResource;
import io.plantwatch.local.testing.MongoTestResource;
import io.plantwatch.local.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Device credentials: secret shown once and stored hashed, exchange for a device-only token, rotate, revoke. */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(KafkaTestResource.class)
class DeviceCredentialTest {

    @Inject
    DeviceCredentialRepository stored;

    private static String exchange(String deviceId, String secret, int status) {
        return given().contentType(ContentType.JSON).body(Map.of("deviceId", deviceId, "secret", secret))
                .post("/api/v1/auth/device-token").then().statusCode(status).extract().path("accessToken");
    }

    private static String create(String deviceId) {
        return given().auth().oauth2(TestTokens.admin()).post("/api/v1/devices/" + deviceId + "/credentials")
                .then().statusCode(201).body("deviceId", equalTo(deviceId)).body("secret", startsWith("pwds_"))
                .extract().path("secret");
    }

    @Test
    void aCredentialIsShownOnceStoredHashedAndExchangedForADeviceOnlyToken() {
        String device = "pump-" + UUID.randomUUID().toString().substring(0, 6);
        String secret = create(device);
        stored.ofDevice(device).forEach(c -> {
            assertFalse(c.secretHash.contains(secret), "stored hashed");
            assertEquals(64, c.secretHash.length());
        });
        given().auth().oauth2(TestTokens.operator()).get("/api/v1/devices/" + device + "/credentials").then()
                .statusCode(200).body("", hasSize(1)).body("[0].secret", nullValue()).body("[0].usable", equalTo(true));
        given().auth().oauth2(TestTokens.admin()).post("/api/v1/devices/" + device + "/credentials").then()
                .statusCode(409);

        String token = exchange(device, secret, 200);
        Map<?, ?> claims = claims(token);
        assertEquals(java.util.List.of("device"), claims.get("groups"));
        assertEquals(device, claims.get("deviceId"));
        assertTrue(((Number) claims.get("exp")).longValue() - ((Number) claims.get("iat")).longValue() <= 1800);

        // a device token may do nothing here: not its account, not the logbook, not other credentials
        given().auth().oauth2(token).get("/api/v1/auth/me").then().statusCode(403);
        given().auth().oauth2(token).get("/api/v1/posts").then().statusCode(403);
        given().auth().oauth2(token).get("/api/v1/devices/" + device + "/credentials").then().statusCode(403);
        given().auth().oauth2(token).post("/api/v1/devices/" + device + "/credentials/rotate").then().statusCode(403);
    }

    @Test
    void wrongSecretsAndUnknownDevicesGetTheSameAnswer() {
        String device = "meter-" + UUID.randomUUID().toString().substring(0, 6);
        create(device);
        given().contentType(ContentType.JSON).body(Map.of("deviceId", device, "secret", "pwds_wrong"))
                .post("/api/v1/auth/device-token").then().statusCode(401)
                .body("message", equalTo("wrong device id or secret"));
        given().contentType(ContentType.JSON).body(Map.of("deviceId", "no-such-device", "secret", "pwds_wrong"))
                .post("/api/v1/auth/device-token").then().statusCode(401)
                .body("message", equalTo("wrong device id or secret"));
        given().contentType(ContentType.JSON).body("{}").post("/api/v1/auth/device-token").then().statusCode(400)
                .body("fields.field", org.hamcrest.Matchers.contains("deviceId", "secret"));
        given().auth().oauth2(TestTokens.admin()).post("/api/v1/devices/bad%20id/credentials").then().statusCode(400)
                .body("fields[0].field", equalTo("id"));
    }

    @Test
    void rotationKeepsThePreviousSecretForTheGracePeriodAndRevokeEndsAll() {
        String device = "valve-" + UUID.randomUUID().toString().substring(0, 6);
        String first = create(device);
        String second = given().auth().oauth2(TestTokens.admin())
                .post("/api/v1/devices/" + device + "/credentials/rotate").then().statusCode(201)
                .body("previousValidUntil", not(nullValue())).extract().path("secret");
        exchange(device, first, 200);
        exchange(device, second, 200);
        given().auth().oauth2(TestTokens.admin()).delete("/api/v1/devices/" + device + "/credentials").then()
                .statusCode(200).body("revoked", equalTo(2));
        exchange(device, first, 401);
        exchange(device, second, 401);
        given().auth().oauth2(TestTokens.viewer()).get("/api/v1/devices/" + device + "/credentials").then()
                .statusCode(403);
        given().auth().oauth2(TestTokens.operator()).delete("/api/v1/devices/" + device + "/credentials").then()
                .statusCode(403);
    }

    private static Map<?, ?> claims(String token) {
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        return io.plantwatch.contracts.json.EventJson.fromJson(payload, Map.class);
    }
}
