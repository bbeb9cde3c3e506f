package io.plantwatch.alert.notification;

import io.plantwatch.alert.directory.service.Directory;
import io.plantwatch.alert.support.Fixtures;
import io.plantwatch.local.testing.JwtTestResource;
import io.plantwatch.local.testing.KafkaTestResource;
import io.plantwatch.local.testing.MongoTestResource;
import io.plantwatch.local.testing.MqttTestResource;
import io.plantwatch.local.testing.SmtpTestResource;
import io.plantwatch.local.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** SMTP down for a while, then up: every queued mail is delivered, each exactly once; the log shows the retries. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(MongoTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(SmtpTestResource.class)
@WithTestResource(MqttTestResource.class)
class SmtpOutageTest {

    @Inject
    Directory directory;

    @Test
    void queuedMailSurvivesAnOutageAndIsDeliveredExactlyOnce() {
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String u = Fixtures.unique("outage");
            users.add(u);
            Fixtures.user(u, Set.of("viewer"), Set.of());
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> users.stream().allMatch(u -> directory.recipient(u).isPresent()));
        String marker = "outage " + UUID.randomUUID();
        String usersJson = "[\"" + String.join("\",\"", users) + "\"]";

        SmtpTestResource.stopServer();
        try {
            for (int batch = 0; batch < 3; batch++) {
                given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                        .body("{\"subject\":\"" + marker + " #" + batch + "\",\"message\":\"still there?\",\"users\":" + usersJson + "}")
                        .post("/api/v1/notifications/send").then().statusCode(202).body("queued", equalTo(5));
            }
            // the sender keeps trying and backs off; nothing is dropped
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    given().auth().oauth2(TestTokens.admin()).queryParam("recipient", users.get(0)).queryParam("kind", "MESSAGE")
                            .get("/api/v1/notifications/log").then().statusCode(200).body("size()", equalTo(3))
                            .body("state", everyItem(equalTo("QUEUED")))
                            .body("findAll { it.attempts >= 1 }.size()", greaterThanOrEqualTo(1))
                            .body("findAll { it.lastError != null }.size()", greaterThanOrEqualTo(1)));
        } finally {
            SmtpTestResource.restartServer();
        }

        await().atMost(Duration.ofSeconds(90)).until(() -> users.stream()
                .allMatch(u -> Fixtures.subjectsTo(u).stream().filter(s -> s.contains(marker)).count() == 3));
        // and no duplicate follows
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(10)).until(() -> users.stream()
                .allMatch(u -> Fixtures.subjectsTo(u).stream().filter(s -> s.contains(marker)).count() == 3));
        for (String u : users) {
            List<String> subjects = Fixtures.subjectsTo(u).stream().filter(s -> s.contains(marker)).sorted().toList();
            assertEquals(List.of("[PlantWatch] " + marker + " #0", "[PlantWatch] " + marker + " #1",
                    "[PlantWatch] " + marker + " #2"), subjects, "each mail exactly once for " + u);
        }
        List<Map<String, Object>> log = given().auth().oauth2(TestTokens.admin()).queryParam("kind", "MESSAGE")
                .queryParam("size", 500).get("/api/v1/notifications/log").then().statusCode(200)
                .extract().jsonPath().getList("findAll { it.subject.contains('" + marker + "') }");
        assertEquals(15, log.size());
        assertEquals(15, log.stream().filter(e -> "SENT".equals(e.get("state"))).count(), "all SENT: " + log);
    }
}
