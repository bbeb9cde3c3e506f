package io.plantwatch.alert.notification;

import io.plantwatch.alert.alarm.messaging.AlarmChangePublisher;
import io.plantwatch.alert.alarm.service.AlarmService;
import io.plantwatch.alert.directory.service.Directory;
import io.plantwatch.alert.support.Fixtures;
import io.plantwatch.contracts.event.AnomalyEvent;
import io.plantwatch.contracts.event.AnomalyType;
import io.plantwatch.contracts.event.FollowEvent;
import io.plantwatch.contracts.event.Severity;
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
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Immediate e-mail, the rate limit and its overflow into the digest, digest content, manual send, preferences. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(MongoTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(SmtpTestResource.class)
@WithTestResource(MqttTestResource.class)
class NotificationTest {

    @Inject
    AlarmService alarms;

    @Inject
    AlarmChangePublisher publisher;

    @Inject
    Directory directory;

    private void raise(AnomalyEvent anomaly) {
        publisher.publish(alarms.onAnomaly(anomaly));
    }

    private void follower(String username, String role, FollowEvent.TargetKind kind, String target) {
        Fixtures.user(username, Set.of(role), Set.of());
        Fixtures.follow(username, kind, target);
        await().atMost(Duration.ofSeconds(30)).until(() -> directory.recipient(username).isPresent()
                && directory.followedTargets("uid-" + username).contains(kind + ":" + target));
    }

    private static String text(Map<String, Object> mail) {
        return String.valueOf(mail.get("text"));
    }

    @Test
    void immediateMailCarriesDeviceChannelValueRangeSentenceAndLink() {
        String device = Fixtures.unique("mailpump");
        String site = Fixtures.unique("north");
        String watcher = Fixtures.unique("watcher");
        Fixtures.device(device, site, "pressure", "bar", 1.0);
        await().atMost(Duration.ofSeconds(30)).until(() -> directory.knowsDevice(device));
        follower(watcher, "viewer", FollowEvent.TargetKind.DEVICE, device);

        raise(Fixtures.anomaly(device, "pressure", AnomalyType.OUT_OF_RANGE, Severity.MAJOR, 7.5));
        raise(Fixtures.anomaly(device, "pressure", AnomalyType.SPIKE, Severity.WARNING, 4.0)); // digest only

        await().atMost(Duration.ofSeconds(30)).until(() -> !Fixtures.mailsTo(watcher).isEmpty());
        Map<String, Object> mail = Fixtures.mailsTo(watcher).get(0);
        String alarmId = device + "|pressure|OUT_OF_RANGE#1";
        String link = "https://dashboard.test/alarms/" + Fixtures.path(alarmId);
        assertEquals("[PlantWatch] MAJOR alarm on Device " + device + ": pressure OUT_OF_RANGE", mail.get("subject"));
        for (String expected : List.of("Device " + device + " (" + device + ")", site, "pressure", "7.5 bar",
                "1 .. 3 bar", "pressure 7.5 bar is above its expected range 1..3 bar", link, "MAJOR", "ACTIVE_UNACK")) {
            assertTrue(text(mail).contains(expected), "text part lacks '" + expected + "':\n" + text(mail));
        }
        String html = String.valueOf(mail.get("html"));
        assertTrue(html.contains("<a href=\"" + link + "\""), "html part links the alarm:\n" + html);
        assertTrue(html.contains("7.5 bar") && html.contains("1 .. 3 bar"), html);

        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> Fixtures.mailsTo(watcher).size() == 1);
        given().auth().oauth2(TestTokens.operator()).queryParam("recipient", watcher).get("/api/v1/notifications/log")
                .then().statusCode(200).body("size()", equalTo(1)).body("[0].state", equalTo("SENT"))
                .body("[0].attempts", equalTo(1)).body("[0].kind", equalTo("ALARM")).body("[0].alarmId", equalTo(alarmId));
        given().auth().oauth2(TestTokens.viewer()).get("/api/v1/notifications/log").then().statusCode(403);
        given().auth().oauth2(TestTokens.operator()).queryParam("state", "LOST").get("/api/v1/notifications/log")
                .then().statusCode(400).body("fields.field", contains("state"));
    }

    @Test
    void overTheRateLimitImmediateMailsRollIntoTheDigest() {
        String device = Fixtures.unique("chatty");
        String user = Fixtures.unique("limited");
        follower(user, "operator", FollowEvent.TargetKind.DEVICE, device);
        for (int i = 0; i < 13; i++) {
            raise(Fixtures.anomaly(device, "ch" + i, AnomalyType.OUT_OF_RANGE, Severity.MAJOR, 10.0 + i));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> Fixtures.mailsTo(user).size() >= 10);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> Fixtures.mailsTo(user).size() == 10);

        given().auth().oauth2(TestTokens.admin()).post("/api/v1/notifications/digest").then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> Fixtures.mailsTo(user).size() == 11);
        Map<String, Object> digest = Fixtures.mailsTo(user).get(10);
        assertTrue(String.valueOf(digest.get("subject")).contains("3 over your e-mail limit"), String.valueOf(digest.get("subject")));
        String text = text(digest);
        assertTrue(text.contains("3 immediate e-mail(s) went over your limit of 10 per hour"), text);
        for (int i = 10; i < 13; i++) {
            assertTrue(text.contains("MAJOR alarm on " + device + ": ch" + i + " OUT_OF_RANGE"),
                    "overflowed mail ch" + i + " is listed:\n" + text);
        }
        assertTrue(text.contains("13 anomalies"), text);
    }

    @Test
    void digestIsGroupedByDeviceCompleteAndOnlyWhatIsNew() {
        String site = Fixtures.unique("south");
        String pump = Fixtures.unique("pump");
        String fan = Fixtures.unique("fan");
        String user = Fixtures.unique("digester");
        Fixtures.device(pump, site, "pressure", "bar", 1.0);
        Fixtures.device(fan, site, "speed", "rpm", 1.0);
        await().atMost(Duration.ofSeconds(30)).until(() -> directory.knowsDevice(pump) && directory.knowsDevice(fan));
        follower(user, "operator", FollowEvent.TargetKind.SITE, site);
        for (String d : List.of(pump, fan)) { // no auto-clear while the test runs: the changes stay predictable
            given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body("{\"clearAfter\":\"PT1H\"}")
                    .put("/api/v1/alarms/settings/devices/" + d).then().statusCode(200);
        }
        // the site's default: MAJOR and CRITICAL go to the digest too, so this test sees digests only
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body("{\"severities\":{\"MAJOR\":\"digest\",\"CRITICAL\":\"digest\"}}")
                .put("/api/v1/notifications/preferences/sites/" + site).then().statusCode(200)
                .body("effective.CRITICAL", equalTo("digest")).body("effective.INFO", equalTo("none"));

        List<AnomalyEvent> pumpAnomalies = List.of(
                Fixtures.anomaly(pump, "pressure", AnomalyType.SPIKE, Severity.WARNING, 4.1),
                Fixtures.anomaly(pump, "pressure", AnomalyType.SPIKE, Severity.WARNING, 4.2),
                Fixtures.anomaly(pump, "pressure", AnomalyType.OUT_OF_RANGE, Severity.CRITICAL, 9.9));
        List<AnomalyEvent> fanAnomalies = List.of(
                Fixtures.anomaly(fan, "speed", AnomalyType.DRIFT, Severity.MINOR, 1510.0),
                Fixtures.anomaly(fan, "speed", AnomalyType.DRIFT, Severity.MINOR, 1520.0));
        pumpAnomalies.forEach(this::raise);
        fanAnomalies.forEach(this::raise);
        raise(Fixtures.anomaly(fan, "speed", AnomalyType.FLATLINE, Severity.INFO, 1500.0)); // history only
        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                .post("/api/v1/alarms/{id}/ack", fan + "|speed|DRIFT#1").then().statusCode(200);

        given().auth().oauth2(TestTokens.admin()).post("/api/v1/notifications/digest").then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> Fixtures.mailsTo(user).size() == 1);
        Map<String, Object> digest = Fixtures.mailsTo(user).get(0);
        String text = text(digest);
        assertEquals("[PlantWatch] digest: 5 anomalies, 4 alarm changes on 2 device(s)", digest.get("subject"), text);
        int fanGroup = text.indexOf("== Device " + fan + " (" + fan + ", site " + site + "): 2 anomalies, 2 alarm changes");
        int pumpGroup = text.indexOf("== Device " + pump + " (" + pump + ", site " + site + "): 3 anomalies, 2 alarm changes");
        assertTrue(fanGroup >= 0 && pumpGroup >= 0, "one group per device:\n" + text);
        for (AnomalyEvent a : pumpAnomalies) {
            int at = text.indexOf(a.channel() + " " + a.type() + " = " + a.value().toString().replaceAll("0+$", ""));
            assertTrue(at > pumpGroup, "pump anomaly " + a.value() + " listed in the pump group:\n" + text);
        }
        for (AnomalyEvent a : fanAnomalies) {
            int at = text.indexOf(a.channel() + " " + a.type() + " = " + Math.round(a.value()) + " rpm");
            assertTrue(at > fanGroup && (fanGroup > pumpGroup || at < pumpGroup), "fan anomaly listed in the fan group:\n" + text);
        }
        assertTrue(text.contains("alarm acknowledged") && text.contains("by operator"), text);
        assertFalse(text.contains("FLATLINE"), "INFO verdicts are not in digests:\n" + text);
        assertTrue(String.valueOf(digest.get("html")).contains("/alarms/" + Fixtures.path(fan + "|speed|DRIFT#1")),
                "alarm changes link to the alarm");

        // nothing new: no mail
        given().auth().oauth2(TestTokens.admin()).post("/api/v1/notifications/digest").then().statusCode(200);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> Fixtures.mailsTo(user).size() == 1);

        // something new: only that
        AnomalyEvent late = Fixtures.anomaly(fan, "speed", AnomalyType.DRIFT, Severity.WARNING, 1600.0);
        raise(late);
        given().auth().oauth2(TestTokens.admin()).post("/api/v1/notifications/digest").then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> Fixtures.mailsTo(user).size() == 2);
        Map<String, Object> second = Fixtures.mailsTo(user).get(1);
        assertEquals("[PlantWatch] digest: 1 anomalies, 0 alarm changes on 1 device(s)", second.get("subject"), text(second));
        assertTrue(text(second).contains("1600 rpm") && !text(second).contains(pump), text(second));
    }

    @Test
    void preferencesPerUserValidatedAndAppliedToImmediateMail() {
        String device = Fixtures.unique("quiet");
        String user = Fixtures.unique("nomail");
        follower(user, "viewer", FollowEvent.TargetKind.DEVICE, device);
        String token = TestTokens.user(user, "viewer");
        given().auth().oauth2(token).get("/api/v1/notifications/preferences").then().statusCode(200)
                .body("effective.MAJOR", equalTo("immediate")).body("effective.MINOR", equalTo("digest"))
                .body("effective.INFO", equalTo("none"));
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"severities\":{\"MINOR\":\"immediate\",\"HUGE\":\"digest\",\"MAJOR\":\"loud\"}}")
                .put("/api/v1/notifications/preferences").then().statusCode(400)
                .body("fields.field", containsInAnyOrder("severities.HUGE", "severities.MAJOR", "severities.MINOR"));
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"severities\":{\"MAJOR\":\"none\",\"CRITICAL\":\"immediate\"}}")
                .put("/api/v1/notifications/preferences").then().statusCode(200)
                .body("effective.MAJOR", equalTo("none")).body("severities.MAJOR", equalTo("none"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"severities\":{}}")
                .put("/api/v1/notifications/preferences/sites/x").then().statusCode(403);

        raise(Fixtures.anomaly(device, "pressure", AnomalyType.OUT_OF_RANGE, Severity.MAJOR, 8.0));
        raise(Fixtures.anomaly(device, "temperature", AnomalyType.OUT_OF_RANGE, Severity.CRITICAL, 99.0));
        await().atMost(Duration.ofSeconds(30)).until(() -> Fixtures.mailsTo(user).size() >= 1);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> Fixtures.mailsTo(user).size() == 1);
        assertTrue(Fixtures.subjectsTo(user).get(0).contains("CRITICAL alarm"), "MAJOR is set to none: only the CRITICAL mail");
    }

    @Test
    void manualSendToUsersAndRolesWithAnAlarmSummary() {
        String device = Fixtures.unique("manual");
        String maria = Fixtures.unique("maria");
        String site = Fixtures.unique("west");
        String siteViewer = Fixtures.unique("sv");
        Fixtures.user(maria, Set.of("operator"), Set.of());
        Fixtures.user(siteViewer, Set.of("viewer"), Set.of(site));
        await().atMost(Duration.ofSeconds(30)).until(() -> directory.recipient(maria).isPresent()
                && directory.recipient(siteViewer).isPresent());
        raise(Fixtures.anomaly(device, "pressure", AnomalyType.OUT_OF_RANGE, Severity.MINOR, 5.0));
        String alarmId = device + "|pressure|OUT_OF_RANGE#1";

        given().auth().oauth2(TestTokens.viewer()).contentType(ContentType.JSON)
                .body("{\"message\":\"hi\",\"users\":[\"" + maria + "\"]}").post("/api/v1/notifications/send")
                .then().statusCode(403);
        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                .body("{\"users\":[\"" + maria + "\",\"ghost-user\"],\"roles\":[\"wizard\"],\"alarmId\":\"nope\"}")
                .post("/api/v1/notifications/send").then().statusCode(400)
                .body("fields.field", containsInAnyOrder("users[1]", "roles[0]", "alarmId"));
        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON).body("{\"users\":[\"" + maria + "\"]}")
                .post("/api/v1/notifications/send").then().statusCode(400).body("fields.field", contains("message"));
        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON).body("{\"message\":\"hi\"}")
                .post("/api/v1/notifications/send").then().statusCode(400).body("fields.field", contains("users"));

        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                .body("{\"subject\":\"Pump check\",\"message\":\"Please check the pump before the night shift.\","
                        + "\"alarmId\":\"" + alarmId + "\",\"users\":[\"" + maria + "\"],\"roles\":[\"viewer\"]}")
                .post("/api/v1/notifications/send").then().statusCode(202)
                .body("recipients", org.hamcrest.Matchers.hasItems(maria, siteViewer));
        await().atMost(Duration.ofSeconds(30)).until(() -> Fixtures.mailsTo(maria).size() == 1
                && Fixtures.mailsTo(siteViewer).size() == 1);
        Map<String, Object> mail = Fixtures.mailsTo(maria).get(0);
        assertEquals("[PlantWatch] Pump check", mail.get("subject"));
        assertTrue(text(mail).contains("Message from operator") && text(mail).contains("before the night shift")
                && text(mail).contains("MINOR OUT_OF_RANGE on " + device) && text(mail).contains(Fixtures.path(alarmId)),
                text(mail));
        given().auth().oauth2(TestTokens.admin()).queryParam("kind", "MESSAGE").queryParam("alarmId", alarmId)
                .get("/api/v1/notifications/log").then().statusCode(200).body("state", everyItem(equalTo("SENT")));
    }
}
