package io.plantwatch.auth.token;

import io.plantwatch.auth.support.Accounts;
import io.plantwatch.auth.support.Accounts.Account;
import io.plantwatch.local.testing.JwtTestResource;
import io.plantwatch.local.testing.KafkaTestResource;
import io.plantwatch.local.testing.MongoTestResource;
import io.plantwatch.local.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Rotating refresh tokens, reuse detection, logout, and what disabling or a new password does to sessions. */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(KafkaTestResource.class)
class SessionTest {

    private static Map<String, Object> refresh(String refreshToken, int status) {
        return given().contentType(ContentType.JSON).body(Map.of("refreshToken", refreshToken))
                .post("/api/v1/auth/refresh").then().statusCode(status).extract().jsonPath().getMap("$");
    }

    @Test
    void refreshRotatesAndTheNewAccessTokenWorks() {
        Account olga = Accounts.create("olga", "operator");
        Map<String, Object> login = Accounts.login(olga.username(), Accounts.PASSWORD);
        Map<String, Object> next = refresh((String) login.get("refreshToken"), 200);
        assertNotEquals(login.get("refreshToken"), next.get("refreshToken"));
        given().auth().oauth2((String) next.get("accessToken")).get("/api/v1/auth/me").then().statusCode(200)
                .body("username", equalTo(olga.username())).body("roles[0]", equalTo("operator"));
        refresh((String) next.get("refreshToken"), 200);
    }

    @Test
    void reusingARotatedRefreshTokenRevokesTheWholeFamily() {
        Account piet = Accounts.create("piet", "viewer");
        Map<String, Object> login = Accounts.login(piet.username(), Accounts.PASSWORD);
        String first = (String) login.get("refreshToken");
        String second = (String) refresh(first, 200).get("refreshToken");
        // a thief replays the first token: refused, and the legitimate successor dies with it
        given().contentType(ContentType.JSON).body(Map.of("refreshToken", first)).post("/api/v1/auth/refresh")
                .then().statusCode(401).body("message", equalTo(
                        "refresh token was already used: every session of this login is revoked"));
        refresh(second, 401);
        // another login (another family) is not affected
        String other = (String) Accounts.login(piet.username(), Accounts.PASSWORD).get("refreshToken");
        refresh(other, 200);
    }

    @Test
    void logoutRevokesTheFamilyAndUnknownTokensAre401() {
        Account kim = Accounts.create("kim", "viewer");
        String token = (String) Accounts.login(kim.username(), Accounts.PASSWORD).get("refreshToken");
        String successor = (String) refresh(token, 200).get("refreshToken");
        given().contentType(ContentType.JSON).body(Map.of("refreshToken", successor)).post("/api/v1/auth/logout")
                .then().statusCode(204);
        refresh(successor, 401);
        refresh("not-a-token", 401);
        given().contentType(ContentType.JSON).body("{}").post("/api/v1/auth/refresh").then().statusCode(400)
                .body("fields[0].field", equalTo("refreshToken"));
    }

    @Test
    void disablingAUserEndsRefreshAndLogin() {
        Account eve = Accounts.create("eve", "operator");
        String token = (String) Accounts.login(eve.username(), Accounts.PASSWORD).get("refreshToken");
        given().auth().oauth2(TestTokens.admin()).post("/api/v1/users/" + eve.id() + "/disable").then()
                .statusCode(200).body("disabled", equalTo(true));
        refresh(token, 401);
        given().contentType(ContentType.JSON).body(Map.of("login", eve.username(), "password", Accounts.PASSWORD))
                .post("/api/v1/auth/login").then().statusCode(401);
        given().auth().oauth2(TestTokens.admin()).post("/api/v1/users/" + eve.id() + "/enable").then()
                .statusCode(200).body("disabled", equalTo(false));
        Accounts.login(eve.username(), Accounts.PASSWORD);
    }

    @Test
    void aNewPasswordEndsEveryRefreshToken() {
        Account ana = Accounts.create("ana", "viewer");
        Map<String, Object> login = Accounts.login(ana.username(), Accounts.PASSWORD);
        given().auth().oauth2((String) login.get("accessToken")).contentType(ContentType.JSON)
                .body(Map.of("currentPassword", Accounts.PASSWORD, "newPassword", "my second long secret"))
                .post("/api/v1/auth/password").then().statusCode(204);
        refresh((String) login.get("refreshToken"), 401);
        given().contentType(ContentType.JSON).body(Map.of("login", ana.username(), "password", "my second long secret"))
                .post("/api/v1/auth/login").then().statusCode(200).body("refreshToken", not(equalTo(null)));
    }
}
