package io.plantwatch.auth.user.rest;

import io.plantwatch.auth.support.Accounts;
import io.plantwatch.auth.support.Accounts.Account;
import io.plantwatch.contracts.Topics;
import io.plantwatch.contracts.event.UserEvent;
import io.plantwatch.contracts.json.EventJson;
import io.plantwatch.local.testing.JwtTestResource;
import io.plantwatch.local.testing.KafkaTestResource;
import io.plantwatch.local.testing.MongoTestResource;
import io.plantwatch.local.testing.TestTokens;
import io.plantwatch.local.testing.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Admin user management, and every account change published on plant.users. */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(KafkaTestResource.class)
class UserAdminTest {

    @Test
    void adminsListCreateChangeRolesSitesDisableAndResetAndEachChangeIsPublished() {
        try (TopicProbe probe = TopicProbe.atEnd(KafkaTestResource.bootstrapServers(), Topics.USERS)) {
            Account ivan = Accounts.create("ivan", "viewer");
            String admin = TestTokens.admin();
            given().auth().oauth2(admin).get("/api/v1/users?size=500").then().statusCode(200)
                    .body("username", hasItem(ivan.username()));
            given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("roles", List.of("operator", "viewer")))
                    .put("/api/v1/users/" + ivan.id() + "/roles").then().statusCode(200)
                    .body("roles", contains("operator", "viewer"));
            given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("sites", List.of("plant-north")))
                    .put("/api/v1/users/" + ivan.id() + "/sites").then().statusCode(200)
                    .body("sites", contains("plant-north"));
            given().auth().oauth2(admin).post("/api/v1/users/" + ivan.id() + "/disable").then().statusCode(200);
            given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("password", "reset by the admin 1"))
                    .post("/api/v1/users/" + ivan.id() + "/password").then().statusCode(200);

            List<ConsumerRecord<String, byte[]>> records = probe.await(5, r -> ivan.id().equals(r.key()),
                    Duration.ofSeconds(60));
            assertTrue(records.size() >= 5, "one event per change, got " + records.size());
            UserEvent last = EventJson.fromBytes(records.get(records.size() - 1).value(), UserEvent.class);
            assertEquals(ivan.username(), last.username());
            assertEquals(Set.of("operator", "viewer"), last.roles());
            assertEquals(Set.of("plant-north"), last.sites());
            assertTrue(last.disabled());
            assertFalse(last.deleted());
            UserEvent firstEvent = EventJson.fromBytes(records.get(0).value(), UserEvent.class);
            assertEquals(Set.of("viewer"), firstEvent.roles());
        }
    }

    @Test
    void validationAndTheLastAdminRule() {
        String admin = TestTokens.admin();
        Account only = Accounts.create("root", "admin");
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("roles", List.of("king")))
                .put("/api/v1/users/" + only.id() + "/roles").then().statusCode(400)
                .body("fields[0].field", equalTo("roles[0]"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("roles", List.of()))
                .put("/api/v1/users/" + only.id() + "/roles").then().statusCode(400)
                .body("fields[0].field", equalTo("roles"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("password", "short"))
                .post("/api/v1/users/" + only.id() + "/password").then().statusCode(400)
                .body("fields[0].field", equalTo("password"));
        given().auth().oauth2(admin).get("/api/v1/users/no-such-user").then().statusCode(404);
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("username", only.username(), "email", "x@plant.example", "password", Accounts.PASSWORD))
                .post("/api/v1/users").then().statusCode(409);
        // demoting every admin but one works; demoting the last enabled one does not
        given().auth().oauth2(admin).get("/api/v1/users?size=500").then().statusCode(200).extract().jsonPath()
                .getList("findAll { it.roles.contains('admin') && !it.disabled }.id", String.class).stream()
                .filter(id -> !id.equals(only.id()))
                .forEach(id -> given().auth().oauth2(admin).contentType(ContentType.JSON)
                        .body(Map.of("roles", List.of("viewer"))).put("/api/v1/users/" + id + "/roles")
                        .then().statusCode(200));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("roles", List.of("operator")))
                .put("/api/v1/users/" + only.id() + "/roles").then().statusCode(409);
        given().auth().oauth2(admin).post("/api/v1/users/" + only.id() + "/disable").then().statusCode(409);
    }

    @Test
    void onlyAdminsManageUsers() {
        given().auth().oauth2(TestTokens.operator()).get("/api/v1/users").then().statusCode(403);
        given().auth().oauth2(TestTokens.viewer()).post("/api/v1/users/x/disable").then().statusCode(403);
        given().auth().oauth2(TestTokens.device("pump-1")).get("/api/v1/users").then().statusCode(403);
        given().get("/api/v1/users").then().statusCode(401);
    }
}
