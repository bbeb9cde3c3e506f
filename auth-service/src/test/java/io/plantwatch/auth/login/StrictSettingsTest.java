package io.plantwatch.auth.login;

import io.plantwatch.auth.support.Accounts;
import io.plantwatch.auth.support.Accounts.Account;
import io.plantwatch.local.testing.JwtTestResource;
import io.plantwatch.local.testing.KafkaTestResource;
import io.plantwatch.local.testing.MongoTestResource;
import io.plantwatch.local.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Settings a plant would tighten: closed self-registration, and brute-force lockout with small limits so the
 * test stays short (3 failures per account, 6 per address, 10 s lockout: long enough that a busy machine still
 * asserts within it).
 */
@QuarkusTest
@TestProfile(StrictSettingsTest.Strict.class)
@WithTestResource(MongoTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(KafkaTestResource.class)
class StrictSettingsTest {

    /** Closed registration and small throttle limits. */
    public static class Strict implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("plantwatch.auth.open-registration", "false",
                    "plantwatch.auth.login-throttle.max-failures-per-account", "3",
                    "plantwatch.auth.login-throttle.max-failures-per-address", "6",
                    "plantwatch.auth.login-throttle.lockout", "PT10S");
        }
    }

    private static Response login(String login, String password, String clientAddress) {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", clientAddress)
                .body(Map.of("login", login, "password", password)).post("/api/v1/auth/login");
    }

    @Test
    void afterTheFirstUserOnlyAdminsCreateAccounts() {
        given().contentType(ContentType.JSON)
                .body(Map.of("username", "first", "email", "first@plant.example", "password", "first long secret"))
                .post("/api/v1/auth/register"); // 201 on an empty database, 403 if another test registered first
        given().contentType(ContentType.JSON)
                .body(Map.of("username", "second", "email", "second@plant.example", "password", "second long secret"))
                .post("/api/v1/auth/register").then().statusCode(403)
                .body("message", equalTo("self-registration is closed: ask an admin to create your account"));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("username", "second", "email", "second@plant.example", "password", "second long secret"))
                .post("/api/v1/users").then().statusCode(201).body("roles[0]", equalTo("viewer"));
    }

    @Test
    void anAccountIsLockedAfterRepeatedFailuresAndTheAnswerSaysWhenToRetry() {
        Account target = Accounts.create("target", "operator");
        String address = "10.0.0.1";
        for (int i = 0; i < 3; i++) {
            login(target.username(), "wrong guess " + i, address).then().statusCode(401);
        }
        Response locked = login(target.username(), Accounts.PASSWORD, address);
        assertEquals(429, locked.statusCode());
        long retryAfter = Long.parseLong(locked.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 11, "Retry-After " + retryAfter);
        locked.then().body("error", equalTo("too-many-requests"));
        // the same for an account that does not exist: the answer does not tell
        for (int i = 0; i < 3; i++) {
            login("ghost-" + target.username(), "wrong guess " + i, "10.0.0.2").then().statusCode(401);
        }
        login("ghost-" + target.username(), "anything at all", "10.0.0.2").then().statusCode(429)
                .body("message", equalTo(locked.jsonPath().getString("message").replaceAll("\\d+ s", retryAfterOf(
                        login("ghost-" + target.username(), "anything at all", "10.0.0.2")) + " s")));
        // after the lockout the right password works again
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> login(target.username(), Accounts.PASSWORD, address).then().statusCode(200));
    }

    @Test
    void oneAddressGuessingManyAccountsIsLockedToo() {
        String address = "10.0.0.9";
        Account innocent = Accounts.create("innocent", "viewer");
        for (int i = 0; i < 6; i++) {
            login("someone-" + i, "wrong password here", address).then().statusCode(401);
        }
        login(innocent.username(), Accounts.PASSWORD, address).then().statusCode(429);
        login(innocent.username(), Accounts.PASSWORD, "10.0.0.10").then().statusCode(200);
    }

    private static String retryAfterOf(Response response) {
        return response.header("Retry-After");
    }
}
