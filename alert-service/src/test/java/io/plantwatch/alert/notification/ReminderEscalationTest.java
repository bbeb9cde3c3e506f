package io.plantwatch.alert.notification;

import io.plantwatch.alert.alarm.messaging.AlarmChangePublisher;
import io.plantwatch.alert.alarm.service.AlarmService;
import io.plantwatch.alert.directory.service.Directory;
import io.plantwatch.alert.support.Fixtures;
import io.plantwatch.alert.support.TestClock;
import io.plantwatch.contracts.Topics;
import io.plantwatch.contracts.event.AlarmChange;
import io.plantwatch.contracts.event.AlarmEvent;
import io.plantwatch.contracts.event.AnomalyType;
import io.plantwatch.contracts.event.FollowEvent;
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
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An unacknowledged alarm: a reminder after T1 (30 min) to its recipients, then after T2 (60 min) an escalation to
 * the site's admins; both from the timer (the test clock moves, no new data), recorded and published once.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(MongoTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(SmtpTestResource.class)
@WithTestResource(MqttTestResource.class)
class ReminderEscalationTest {

    @Inject
    AlarmService alarms;

    @Inject
    AlarmChangePublisher publisher;

    @Inject
    Directory directory;

    @Inject
    TestClock clock;

    @Test
    void reminderThenEscalationWithATestClock() {
        String site = Fixtures.unique("east");
        String device = Fixtures.unique("boiler");
        String acked = Fixtures.unique("acked");
        String operator = Fixtures.unique("nightop");
        String siteAdmin = Fixtures.unique("siteadmin");
        Fixtures.device(device, site, "temperature", "°C", 1.0);
        Fixtures.device(acked, site, "temperature", "°C", 1.0);
        Fixtures.user(operator, Set.of("operator"), Set.of(site));
        Fixtures.follow(operator, FollowEvent.TargetKind.DEVICE, device);
        Fixtures.user(siteAdmin, Set.of("admin"), Set.of(site));
        await().atMost(Duration.ofSeconds(30)).until(() -> directory.recipient(siteAdmin).isPresent()
                && directory.recipient(operator).isPresent() && !directory.followedTargets("uid-" + operator).isEmpty()
                && directory.knowsDevice(device) && directory.knowsDevice(acked));
        for (String d : List.of(device, acked)) { // a long hysteresis: the alarms stay open while the clock jumps
            given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body("{\"clearAfter\":\"P1D\"}")
                    .put("/api/v1/alarms/settings/devices/" + d).then().statusCode(200);
        }
        String alarmId = device + "|temperature|OUT_OF_RANGE#1";
        String ackedId = acked + "|temperature|OUT_OF_RANGE#1";

        try (TopicProbe probe = TopicProbe.atEnd(KafkaTestResource.bootstrapServers(), Topics.ALARMS)) {
            publisher.publish(alarms.onAnomaly(Fixtures.anomaly(device, "temperature", AnomalyType.OUT_OF_RANGE,
                    Severity.MAJOR, 131.0)));
            publisher.publish(alarms.onAnomaly(Fixtures.anomaly(acked, "temperature", AnomalyType.OUT_OF_RANGE,
                    Severity.MAJOR, 120.0)));
            given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                    .post("/api/v1/alarms/{id}/ack", ackedId).then().statusCode(200);
            await().atMost(Duration.ofSeconds(30)).until(() -> !Fixtures.mailsTo(operator).isEmpty()
                    && Fixtures.mailsTo(siteAdmin).size() >= 2);
            assertFalse(Fixtures.subjectsTo(operator).stream().anyMatch(s -> s.contains("reminder")));

            clock.advance(Duration.ofMinutes(31));
            await().atMost(Duration.ofSeconds(30)).until(() -> Fixtures.subjectsTo(operator).stream()
                    .anyMatch(s -> s.startsWith("[PlantWatch] reminder: ") && s.contains(device)));
            assertFalse(Fixtures.subjectsTo(siteAdmin).stream().anyMatch(s -> s.contains("escalation")),
                    "no escalation before T2");

            clock.advance(Duration.ofMinutes(30));
            await().atMost(Duration.ofSeconds(30)).until(() -> Fixtures.subjectsTo(siteAdmin).stream()
                    .anyMatch(s -> s.startsWith("[PlantWatch] escalation: ") && s.contains(device)));
            String escalation = Fixtures.mailsTo(siteAdmin).stream()
                    .filter(m -> String.valueOf(m.get("subject")).startsWith("[PlantWatch] escalation: "))
                    .map(m -> String.valueOf(m.get("text"))).findFirst().orElseThrow();
            assertTrue(escalation.contains("not acknowledged 60 min after it opened") && escalation.contains("131 °C"),
                    escalation);
            assertFalse(Fixtures.subjectsTo(operator).stream().anyMatch(s -> s.contains("escalation")),
                    "the escalation goes to the next level, not back to the operator");

            List<AlarmChange> changes = probe.await(2, r -> r.key().equals(alarmId)
                            && List.of(AlarmChange.REMINDED, AlarmChange.ESCALATED)
                            .contains(EventJson.fromBytes(r.value(), AlarmEvent.class).change()), Duration.ofSeconds(30))
                    .stream().map(r -> EventJson.fromBytes(r.value(), AlarmEvent.class).change()).toList();
            assertTrue(changes.equals(List.of(AlarmChange.REMINDED, AlarmChange.ESCALATED)), "published once each: " + changes);
        }
        given().auth().oauth2(TestTokens.viewer()).get("/api/v1/alarms/{id}", alarmId).then().statusCode(200)
                .body("history.action", hasItems("CREATED", "REMINDED", "ESCALATED", "SEVERITY_RAISED"));
        given().auth().oauth2(TestTokens.viewer()).get("/api/v1/alarms/{id}", ackedId).then().statusCode(200)
                .body("history.action", not(hasItem("REMINDED"))).body("history.action", not(hasItem("ESCALATED")));
    }
}
