package io.plantwatch.auth.support;

import io.plantwatch.local.testing.TestTokens;
import io.restassured.http.ContentType;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Real accounts for tests, created through the admin API and logged in through the login endpoint. */
public final class Accounts {

    public static final String PASSWORD = "long enough secret 42";

    private Accounts() {
    }

    /** A user with a unique name and the given roles; returns its id and name. */
    public static Account create(String prefix, String... roles) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        String id = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("username", name, "email", name + "@plant.example", "password", PASSWORD,
                        "roles", List.of(roles)))
                .post("/api/v1/users").then().statusCode(201).extract().path("id");
        return new Account(id, name);
    }

    /** Logs in and returns the whole session body (accessToken, refreshToken, ...). */
    public static Map<String, Object> login(String login, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("login", login, "password", password))
                .post("/api/v1/auth/login").then().statusCode(200).extract().jsonPath().getMap("$");
    }

    public static String accessToken(Account account) {
        return (String) login(account.username(), PASSWORD).get("accessToken");
    }

    /** A created account. */
    public record Account(String id, String username) {
    }
}
