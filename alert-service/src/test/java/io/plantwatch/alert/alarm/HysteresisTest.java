package io.plantwatch.alert.alarm;

import io.plantwatch.alert.alarm.messaging.AlarmChangePublisher;
import io.plantwatch.alert.alarm.service.AlarmService;
import io.plantwatch.alert.alarm.service.AlarmTimers;
import io.plantwatch.alert.directory.service.Directory;
import io.plantwatch.alert.support.Fixtures;
import io.plantwatch.alert.support.TestClock;
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
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Auto-clear after N samples or T minutes of quiet (per device), re-raise after a clear, bounded flapping. The
 * clear comes from the alarm timer (scheduled), with a test clock moved forward instead of waiting.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(MongoTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(SmtpTestResource.class)
@WithTestResource(MqttTestResource.class)
class HysteresisTest {

    @Inject
    AlarmService alarms;

    @Inject
    AlarmChangePublisher publisher;

    @Inject
    AlarmTimers timers;

    @Inject
    Directory directory;

    @Inject
    TestClock clock;

    private void raise(String device, String channel) {
        publisher.publish(alarms.onAnomaly(Fixtures.anomaly(device, channel, AnomalyType.OUT_OF_RANGE, Severity.MAJOR, 7.0)));
    }

    private static void settings(String device, String body) {
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(body)
                .put("/api/v1/alarms/settings/devices/" + device).then().statusCode(200);
    }

    private static List<String> statuses(String device) {
        return given().auth().oauth2(TestTokens.viewer()).queryParam("deviceId", device).get("/api/v1/alarms")
                .then().statusCode(200).extract().jsonPath().getList("status");
    }

    @Test
    void clearsAfterTheQuietTimeByTimerAndAReRaiseOpensANewAlarm() {
        String device = Fixtures.unique("hyst");
        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON).body("{\"clearAfter\":\"PT2M\"}")
                .put("/api/v1/alarms/settings/devices/" + device).then().statusCode(403);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body("{\"clearAfter\":\"two minutes\",\"clearAfterSamples\":0}")
                .put("/api/v1/alarms/settings/devices/" + device).then().statusCode(400)
                .body("fields.field", contains("clearAfter"));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body("{\"clearAfterSamples\":0}")
                .put("/api/v1/alarms/settings/devices/" + device).then().statusCode(400)
                .body("fields.field", contains("clearAfterSamples"));
        settings(device, "{\"clearAfter\":\"PT2M\"}");
        given().auth().oauth2(TestTokens.viewer()).get("/api/v1/alarms/settings/devices/" + device).then()
                .statusCode(200).body("clearAfter", equalTo("PT2M")).body("effectiveClearAfter", equalTo("PT2M"));

        raise(device, "pressure");
        clock.advance(Duration.ofSeconds(90));
        timers.tick();
        assertEquals(List.of("ACTIVE_UNACK"), statuses(device), "90 s of quiet is less than the 2 min hysteresis");

        clock.advance(Duration.ofSeconds(40));
        // no new data, no manual tick: the scheduled timer clears it
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertEquals(List.of("CLEARED_UNACK"), statuses(device)));
        given().auth().oauth2(TestTokens.viewer()).get("/api/v1/alarms/{id}", device + "|pressure|OUT_OF_RANGE#1")
                .then().body("alarm.clearReason", containsString("no anomaly for 2 min"))
                .body("history.action", contains("CREATED", "CLEARED")).body("history[1].actor", equalTo("system"));

        raise(device, "pressure");
        given().auth().oauth2(TestTokens.viewer()).queryParam("deviceId", device).get("/api/v1/alarms").then()
                .body("id", contains(device + "|pressure|OUT_OF_RANGE#2", device + "|pressure|OUT_OF_RANGE#1"))
                .body("status", contains("ACTIVE_UNACK", "CLEARED_UNACK"));
    }

    @Test
    void quietTimeInSamplesUsesTheExpectedPeriodOfTheChannel() {
        String device = Fixtures.unique("samples");
        Fixtures.device(device, "site-samples", "flow", "m3/h", 2.0);
        await().atMost(Duration.ofSeconds(30)).until(() -> directory.knowsDevice(device));
        settings(device, "{\"clearAfterSamples\":30}");
        given().auth().oauth2(TestTokens.viewer()).get("/api/v1/alarms/settings/devices/" + device).then()
                .body("clearAfterSamples", equalTo(30)).body("effectiveClearAfter", equalTo("PT1M"));

        raise(device, "flow");
        clock.advance(Duration.ofSeconds(50));
        timers.tick();
        assertEquals(List.of("ACTIVE_UNACK"), statuses(device), "25 quiet samples are not 30");
        clock.advance(Duration.ofSeconds(15));
        timers.tick();
        assertEquals(List.of("CLEARED_UNACK"), statuses(device), "32 quiet samples clear it");
    }

    @Test
    void flappingInputDoesNotMakeAStorm() {
        String device = Fixtures.unique("flap");
        String follower = Fixtures.unique("flapwatch");
        Fixtures.user(follower, Set.of("viewer"), Set.of());
        Fixtures.follow(follower, FollowEvent.TargetKind.DEVICE, device);
        await().atMost(Duration.ofSeconds(30)).until(() -> directory.recipient(follower).isPresent()
                && !directory.followedTargets("uid-" + follower).isEmpty());
        settings(device, "{\"clearAfter\":\"PT1M\"}");

        // the signal goes bad, then normal for just over the hysteresis, twelve times over
        for (int i = 0; i < 12; i++) {
            raise(device, "pressure");
            clock.advance(Duration.ofSeconds(65));
            timers.tick();
        }
        List<Integer> counts = given().auth().oauth2(TestTokens.viewer()).queryParam("deviceId", device)
                .get("/api/v1/alarms").then().extract().jsonPath().getList("count");
        assertTrue(counts.size() <= 3, "flapping must not raise an alarm per cycle: " + counts);
        assertEquals(12, counts.stream().mapToInt(Integer::intValue).sum(), "every anomaly is counted in some alarm");
        // each re-opening doubles the quiet time: the second alarm absorbs the rest of the flapping
        assertEquals(List.of(11, 1), counts);

        await().atMost(Duration.ofSeconds(30)).until(() -> Fixtures.mailsTo(follower).size() >= 2);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(() -> Fixtures.mailsTo(follower).size() == 2);
        assertTrue(Fixtures.subjectsTo(follower).stream().allMatch(s -> s.contains("MAJOR alarm on")),
                "one mail per alarm opened, not per flap: " + Fixtures.subjectsTo(follower));
    }

    @Test
    void silenceAlarmsWaitForDataInsteadOfQuietTime() {
        String device = Fixtures.unique("silent");
        publisher.publish(alarms.onAnomaly(Fixtures.anomaly(device, "pressure", AnomalyType.MISSING, Severity.MAJOR, 0.0)));
        clock.advance(Duration.ofHours(3));
        timers.tick();
        assertEquals(List.of("ACTIVE_UNACK"), statuses(device), "no data for 3 h is not a reason to clear a MISSING alarm");
        raise(device, "pressure"); // a verdict on a sample: samples arrive again
        given().auth().oauth2(TestTokens.viewer()).queryParam("deviceId", device).get("/api/v1/alarms").then()
                .body("type", containsInAnyOrder("MISSING", "OUT_OF_RANGE"))
                .body("find { it.type == 'MISSING' }.status", equalTo("CLEARED_UNACK"))
                .body("find { it.type == 'MISSING' }.clearReason", containsString("arrive again"));
    }
}
