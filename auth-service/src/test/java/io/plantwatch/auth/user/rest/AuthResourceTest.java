package io.plantwatch.auth.user.rest;

import io.plantwatch.auth.user.repository.UserRepository;
import io.plantwatch.local.testing.JwtTestResource;
import io.plantwatch.local.testing.KafkaTestResource;
import io.plantwatch.local.testing.MongoTestResource;
import io.plantwatch.local.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import io.restassured.path.json.JsonPath;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

@QuarkusTest
@WithTestResource(MongoTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(KafkaTestResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuthResourceTest {

    @Inject
    UserRepository users;

    @Test
    @Order(1)
    void firstUserBecomesAdminLaterOnesViewers() {
        users.deleteAll(); // other test classes of this app may have created users before
        given().contentType(ContentType.JSON)
                .body("{\"username\":\"Alice\",\"email\":\"alice@plant.example\",\"password\":\"correct horse battery\"}")
                .post("/api/v1/auth/register")
                .then().statusCode(201).body("username", equalTo("alice")).body("roles", contains("admin"))
                .body("passwordHash", equalTo(null));
        given().contentType(ContentType.JSON)
                .body("{\"username\":\"bob\",\"email\":\"bob@plant.example\",\"password\":\"another long secret\"}")
                .post("/api/v1/auth/register")
                .then().statusCode(201).body("roles", contains("viewer"));
    }

    @Test
    @Order(2)
    void duplicatesAreRefused() {
        given().contentType(ContentType.JSON)
                .body("{\"username\":\"alice\",\"email\":\"other@plant.example\",\"password\":\"correct horse battery\"}")
                .post("/api/v1/auth/register")
                .then().statusCode(409).body("message", equalTo("username 'alice' is taken"));
        given().contentType(ContentType.JSON)
                .body("{\"username\":\"carol\",\"email\":\"ALICE@plant.example\",\"password\":\"correct horse battery\"}")
                .post("/api/v1/auth/register")
                .then().statusCode(409).body("message", equalTo("e-mail 'alice@plant.example' is already registered"));
    }

    @Test
    @Order(3)
    void badInputNamesEachField() {
        given().contentType(ContentType.JSON)
                .body("{\"username\":\"x\",\"email\":\"nope\",\"password\":\"password123\"}")
                .post("/api/v1/auth/register")
                .then().statusCode(400).body("error", equalTo("validation"))
                .body("fields.field", contains("username", "email", "password"))
                .body("fields[2].message", equalTo("is too common"));
        given().contentType(ContentType.JSON)
                .body("{\"username\":\"dave\",\"email\":\"dave@plant.example\",\"password\":\"short\"}")
                .post("/api/v1/auth/register")
                .then().statusCode(400).body("fields[0].message", equalTo("must be at least 10 characters"));
        given().contentType(ContentType.JSON)
                .body("{\"username\":\"longusername1\",\"email\":\"d@plant.example\",\"password\":\"LongUsername1\"}")
                .post("/api/v1/auth/register")
                .then().statusCode(400).body("fields[0].message", equalTo("must not equal the username"));
        given().contentType(ContentType.JSON).body("{\"username\":")
                .post("/api/v1/auth/register")
                .then().statusCode(400).body("error", equalTo("validation"));
        given().contentType(ContentType.JSON).body("{\"password\":\"x\"}")
                .post("/api/v1/auth/login")
                .then().statusCode(400).body("fields.field", contains("login"));
    }

    @Test
    @Order(4)
    void loginGivesATokenThatServicesAccept() {
        String token = given().contentType(ContentType.JSON)
                .body("{\"login\":\"alice@plant.example\",\"password\":\"correct horse battery\"}")
                .post("/api/v1/auth/login")
                .then().statusCode(200).body("tokenType", equalTo("Bearer")).body("expiresIn", equalTo(900))
                .body("refreshToken", notNullValue()).body("user.username", equalTo("alice"))
                .extract().path("accessToken");
        String id = given().auth().oauth2(token).get("/api/v1/auth/me")
                .then().statusCode(200).body("username", equalTo("alice")).body("roles", hasItem("admin"))
                .body("id", notNullValue()).extract().path("id");

        // the token itself: RS256 with a kid, upn, groups (roles), the user id, 15 minutes
        String[] parts = token.split("\\.");
        JsonPath header = JsonPath.from(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8));
        JsonPath claims = JsonPath.from(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        assertEquals("RS256", header.getString("alg"));
        assertNotNull(header.getString("kid"));
        assertEquals("alice", claims.getString("upn"));
        assertEquals(List.of("admin"), claims.getList("groups"));
        assertEquals(id, claims.getString("uid"));
        assertEquals(id, claims.getString("sub"));
        assertEquals(900L, claims.getLong("exp") - claims.getLong("iat"));

        // by username as well as by e-mail
        given().contentType(ContentType.JSON).body("{\"login\":\"alice\",\"password\":\"correct horse battery\"}")
                .post("/api/v1/auth/login").then().statusCode(200).body("user.id", equalTo(id));
    }

    @Test
    @Order(5)
    void wrongPasswordAndUnknownAccountGetTheSameAnswer() {
        given().contentType(ContentType.JSON).body("{\"login\":\"alice\",\"password\":\"wrong wrong wrong\"}")
                .post("/api/v1/auth/login").then().statusCode(401).body("message", equalTo("wrong login or password"));
        given().contentType(ContentType.JSON).body("{\"login\":\"nobody\",\"password\":\"wrong wrong wrong\"}")
                .post("/api/v1/auth/login").then().statusCode(401).body("message", equalTo("wrong login or password"));
        given().get("/api/v1/auth/me").then().statusCode(401);
        given().auth().oauth2(TestTokens.device("pump-1")).get("/api/v1/auth/me").then().statusCode(403);
    }

    @Test
    @Order(6)
    void ownPasswordChangeChecksTheCurrentOneAndThePolicy() {
        String token = given().contentType(ContentType.JSON)
                .body("{\"login\":\"bob\",\"password\":\"another long secret\"}").post("/api/v1/auth/login")
                .then().statusCode(200).extract().path("accessToken");
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"currentPassword\":\"not it at all\",\"newPassword\":\"short\"}")
                .post("/api/v1/auth/password").then().statusCode(400)
                .body("fields.field", contains("currentPassword", "newPassword"));
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"currentPassword\":\"another long secret\",\"newPassword\":\"a brand new secret\"}")
                .post("/api/v1/auth/password").then().statusCode(204);
        given().contentType(ContentType.JSON).body("{\"login\":\"bob\",\"password\":\"another long secret\"}")
                .post("/api/v1/auth/login").then().statusCode(401);
        given().contentType(ContentType.JSON).body("{\"login\":\"bob\",\"password\":\"a brand new secret\"}")
                .post("/api/v1/auth/login").then().statusCode(200);
    }
}
