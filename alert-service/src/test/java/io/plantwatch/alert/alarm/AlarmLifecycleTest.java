package io.plantwatch.alert.alarm;

import io.plantwatch.alert.alarm.messaging.AlarmChangePublisher;
import io.plantwatch.alert.alarm.service.AlarmService;
import io.plantwatch.alert.directory.service.Directory;
import io.plantwatch.alert.support.Fixtures;
import io.plantwatch.contracts.Topics;
import io.plantwatch.contracts.event.AlarmChange;
import io.plantwatch.contracts.event.AlarmEvent;
import io.plantwatch.contracts.event.AnomalyType;
import io.plantwatch.contracts.event.Severity;
import io.plantwatch.contracts.json.EventJson;
import io.plantwatch.local.testing.JwtTestResource;
import io.plantwatch.local.testing.KafkaTestResource;
import io.plantwatch.local.testing.MongoTestResource;
import io.plantwatch.local.testing.MqttTestResource;
import io.plantwatch.local.testing.SmtpTestResource;
import io.plantwatch.local.testing.TestTokens;
import io.plantwatch.local.testing.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Acknowledge, assign, comment, clear: each recorded (who, when), in the history, and published on plant.alarms. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(MongoTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(SmtpTestResource.class)
@WithTestResource(MqttTestResource.class)
class AlarmLifecycleTest {

    @Inject
    AlarmService alarms;

    @Inject
    AlarmChangePublisher publisher;

    @Inject
    Directory directory;

    private static RequestSpecification viewer() {
        return given().auth().oauth2(TestTokens.viewer());
    }

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    @Test
    void actionsAreRecordedInTheHistoryAndPublished() {
        String device = Fixtures.unique("life");
        String olga = Fixtures.unique("olga");
        Fixtures.user(olga, Set.of("operator"), Set.of());
        await().atMost(Duration.ofSeconds(30)).until(() -> directory.userByName(olga).isPresent());
        publisher.publish(alarms.onAnomaly(Fixtures.anomaly(device, "pressure", AnomalyType.OUT_OF_RANGE, Severity.MAJOR, 7.5)));
        String id = device + "|pressure|OUT_OF_RANGE#1";
        
        try (TopicProbe probe = TopicProbe.atEnd(KafkaTestResource.bootstrapServers(), Topics.ALARMS)) {
            given().contentType(ContentType.JSON).post("/api/v1/alarms/{id}/ack", id).then().statusCode(401);
            as(TestTokens.viewer()).post("/api/v1/alarms/{id}/ack", id).then().statusCode(403);
            as(TestTokens.operator()).body("{\"comment\":\"looking at it\"}").post("/api/v1/alarms/{id}/ack", id).then().statusCode(200)
                    .body("status", equalTo("ACTIVE_ACK")).body("acknowledgedBy", equalTo("operator"));
            as(TestTokens.operator()).post("/api/v1/alarms/{id}/ack", id).then().statusCode(409).body("error", equalTo("conflict"));

            as(TestTokens.operator()).body("{\"assignee\":\"nobody-here\"}").post("/api/v1/alarms/{id}/assign", id).then().statusCode(400)
                    .body("fields.field", contains("assignee"));
            as(TestTokens.operator()).body("{}").post("/api/v1/alarms/{id}/assign", id).then().statusCode(400)
                    .body("fields.field", contains("assignee"));
            as(TestTokens.admin()).body("{\"assignee\":\"" + olga + "\"}").post("/api/v1/alarms/{id}/assign", id).then().statusCode(200)
                    .body("assignee", equalTo(olga));

            as(TestTokens.operator()).body("{\"text\":\"  \"}").post("/api/v1/alarms/{id}/comments", id).then().statusCode(400)
                    .body("fields.field", contains("text"));
            as(TestTokens.operator()).body("{\"text\":\"replaced the inlet valve\"}").post("/api/v1/alarms/{id}/comments", id)
                    .then().statusCode(200);

            as(TestTokens.operator()).post("/api/v1/alarms/{id}/clear", id).then().statusCode(200).body("status", equalTo("CLEARED_ACK"))
                    .body("clearedBy", equalTo("operator"));
            as(TestTokens.operator()).post("/api/v1/alarms/{id}/clear", id).then().statusCode(409);

            List<AlarmEvent> events = probe.await(4, r -> r.key().equals(id), Duration.ofSeconds(30)).stream()
                    .map(r -> EventJson.fromBytes(r.value(), AlarmEvent.class)).toList();
            assertEquals(List.of(AlarmChange.ACKNOWLEDGED, AlarmChange.ASSIGNED, AlarmChange.COMMENTED, AlarmChange.CLEARED),
                    events.stream().map(AlarmEvent::change).toList());
            assertEquals(List.of("operator", "admin", "operator", "operator"), events.stream().map(AlarmEvent::actor).toList());
            assertEquals(olga, events.get(3).assignee());
        }

        given().auth().oauth2(TestTokens.viewer()).get("/api/v1/alarms/{id}", id).then().statusCode(200)
                .body("alarm.status", equalTo("CLEARED_ACK"))
                .body("history.action", contains("CREATED", "ACKNOWLEDGED", "ASSIGNED", "COMMENTED", "CLEARED"))
                .body("history.actor", contains("system", "operator", "admin", "operator", "operator"))
                .body("history.at", everyItem(notNullValue()))
                .body("history[1].note", equalTo("looking at it"))
                .body("history[2].note", equalTo(olga))
                .body("history[3].note", equalTo("replaced the inlet valve"));

        // after a clear, the same slot opens a new alarm
        publisher.publish(alarms.onAnomaly(Fixtures.anomaly(device, "pressure", AnomalyType.OUT_OF_RANGE, Severity.MAJOR, 8.0)));
        given().auth().oauth2(TestTokens.viewer()).queryParam("deviceId", device).get("/api/v1/alarms").then()
                .body("id", contains(device + "|pressure|OUT_OF_RANGE#2", id))
                .body("status", contains("ACTIVE_UNACK", "CLEARED_ACK"));

        given().auth().oauth2(TestTokens.viewer()).get("/api/v1/alarms/{id}", device + "|x|SPIKE#1")
                .then().statusCode(404).body("error", equalTo("not-found"));
        as(TestTokens.operator()).post("/api/v1/alarms/{id}/ack", device + "|x|SPIKE#1")
                .then().statusCode(404);
    }

    @Test
    void listFiltersByDeviceSiteStatusSeverityAndTimeWithPaging() {
        String device = Fixtures.unique("filter");
        String site = Fixtures.unique("site");
        Fixtures.device(device, site, "level", "m", 1.0);
        await().atMost(Duration.ofSeconds(30)).until(() -> site.equals(directory.device(device).site()));
        Instant before = Instant.now().minusSeconds(5);
        publisher.publish(alarms.onAnomaly(Fixtures.anomaly(device, "level", AnomalyType.SPIKE, Severity.WARNING, 9.0)));
        publisher.publish(alarms.onAnomaly(Fixtures.anomaly(device, "level", AnomalyType.FLATLINE, Severity.CRITICAL, 2.0)));
        String spike = device + "|level|SPIKE#1";
        as(TestTokens.admin()).post("/api/v1/alarms/{id}/clear", spike).then().statusCode(200);

        viewer().queryParam("site", site).get("/api/v1/alarms").then().statusCode(200).header("X-Total-Count", "2")
                .body("site", everyItem(equalTo(site))).body("unit", everyItem(equalTo("m")));
        viewer().queryParam("site", site).queryParam("status", "CLEARED_UNACK").get("/api/v1/alarms").then()
                .body("id", contains(spike));
        viewer().queryParam("site", site).queryParam("status", "ACTIVE_UNACK,ACTIVE_ACK").get("/api/v1/alarms").then()
                .body("id", contains(device + "|level|FLATLINE#1"));
        viewer().queryParam("deviceId", device).queryParam("severity", "WARNING").get("/api/v1/alarms").then()
                .body("id", contains(spike));
        viewer().queryParam("deviceId", device).queryParam("minSeverity", "MAJOR").get("/api/v1/alarms").then()
                .body("severity", contains("CRITICAL"));
        viewer().queryParam("deviceId", device).queryParam("to", before.toString()).get("/api/v1/alarms").then()
                .body("size()", equalTo(0));
        viewer().queryParam("deviceId", device).queryParam("from", before.toString())
                .queryParam("to", Instant.now().plusSeconds(60).toString()).get("/api/v1/alarms").then()
                .body("size()", equalTo(2));
        viewer().queryParam("deviceId", device).queryParam("size", 1).queryParam("page", 1).get("/api/v1/alarms").then()
                .header("X-Total-Count", "2").body("size()", equalTo(1));

        viewer().queryParam("status", "BROKEN").get("/api/v1/alarms").then().statusCode(400).body("fields.field", contains("status"));
        viewer().queryParam("severity", "HUGE").get("/api/v1/alarms").then().statusCode(400).body("fields.field", contains("severity"));
        viewer().queryParam("from", "yesterday").get("/api/v1/alarms").then().statusCode(400).body("fields.field", contains("from"));
        viewer().queryParam("size", 0).get("/api/v1/alarms").then().statusCode(400).body("fields.field", contains("size"));
        given().get("/api/v1/alarms").then().statusCode(401);
    }
}
