package io.plantwatch.alert.alarm;

import io.plantwatch.alert.alarm.messaging.AlarmChangePublisher;
import io.plantwatch.alert.alarm.service.AlarmChanged;
import io.plantwatch.alert.alarm.service.AlarmService;
import io.plantwatch.alert.directory.service.Directory;
import io.plantwatch.alert.support.Fixtures;
import io.plantwatch.contracts.event.AlarmChange;
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
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A kill -9 between folding an anomaly into its alarm and marking the anomaly processed: the consumer's offset is not
 * committed, so the anomaly comes again. {@link AlarmService#applyAnomaly} is exactly what happens before the mark
 * (the crash drops its changes unpublished); {@link AlarmService#onAnomaly} is the replay. The replay must neither
 * lose the anomaly's effect nor double it: count once, one e-mail, no second alarm after a clear.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(MongoTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(SmtpTestResource.class)
@WithTestResource(MqttTestResource.class)
class CrashReplayTest {

    @Inject
    AlarmService alarms;

    @Inject
    AlarmChangePublisher publisher;

    @Inject
    Directory directory;

    /** A device followed by a fresh user, who gets MAJOR alarms by immediate e-mail (the built-in default). */
    private String followedDevice(String prefix, String watcher) {
        String device = Fixtures.unique(prefix);
        Fixtures.device(device, Fixtures.unique("site"), "pressure", "bar", 1.0);
        Fixtures.user(watcher, Set.of("viewer"), Set.of());
        Fixtures.follow(watcher, FollowEvent.TargetKind.DEVICE, device);
        await().atMost(Duration.ofSeconds(30)).until(() -> directory.knowsDevice(device)
                && directory.recipient(watcher).isPresent()
                && directory.followedTargets("uid-" + watcher).contains(FollowEvent.TargetKind.DEVICE + ":" + device));
        return device;
    }

    private static AnomalyEvent major(String device, double value) {
        return Fixtures.anomaly(device, "pressure", AnomalyType.OUT_OF_RANGE, Severity.MAJOR, value);
    }

    private static void assertAlarms(String device, int alarms, int countOfNewest) {
        given().auth().oauth2(TestTokens.viewer()).queryParam("deviceId", device).get("/api/v1/alarms")
                .then().statusCode(200).header("X-Total-Count", String.valueOf(alarms))
                .body("[0].count", equalTo(countOfNewest));
    }

    private static long historyEntries(String alarmId, String action) {
        List<String> actions = given().auth().oauth2(TestTokens.viewer()).get("/api/v1/alarms/{id}", alarmId)
                .then().statusCode(200).extract().path("history.action");
        return actions.stream().filter(action::equals).count();
    }

    /** Waits until {@code expected} mails reached the watcher, then checks that no more arrive for a while. */
    private static void assertMails(String watcher, int expected) {
        await().atMost(Duration.ofSeconds(30)).until(() -> Fixtures.mailsTo(watcher).size() >= expected);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(() -> Fixtures.mailsTo(watcher).size() == expected);
    }

    @Test
    void aCrashAfterTheFoldThatOpenedAnAlarmIsReplayedIntoOneAlarmCountedOnceAndMailedOnce() {
        String watcher = Fixtures.unique("crashwatch");
        String device = followedDevice("crashnew", watcher);
        String alarmId = device + "|pressure|OUT_OF_RANGE#1";
        AnomalyEvent anomaly = major(device, 7.5);

        List<AlarmChanged> lost = alarms.applyAnomaly(anomaly); // folded, then killed: nothing published, no mark
        assertEquals(List.of(AlarmChange.CREATED), lost.stream().map(AlarmChanged::change).toList());
        assertAlarms(device, 1, 1);

        List<AlarmChanged> replay = alarms.onAnomaly(anomaly); // the uncommitted offset delivers it again
        assertEquals(List.of(AlarmChange.CREATED), replay.stream().map(AlarmChanged::change).toList(),
                "the replay announces the creation the crash swallowed");
        assertEquals(1L, replay.get(0).alarm().revision(), "announced as the creation's revision");
        publisher.publish(replay);

        assertAlarms(device, 1, 1);
        assertMails(watcher, 1);
        assertEquals("[PlantWatch] MAJOR alarm on Device " + device + ": pressure OUT_OF_RANGE",
                Fixtures.mailsTo(watcher).get(0).get("subject"));
        assertEquals(1, historyEntries(alarmId, "CREATED"));

        // a later replay (the offset still not committed) finds the anomaly completely processed
        assertTrue(alarms.onAnomaly(anomaly).isEmpty());
        assertAlarms(device, 1, 1);
    }

    @Test
    void aCrashAfterTheMailWentOutStillMailsOnceOnReplay() {
        String watcher = Fixtures.unique("crashmail");
        String device = followedDevice("crashsent", watcher);
        AnomalyEvent anomaly = major(device, 8.0);

        publisher.publish(alarms.applyAnomaly(anomaly)); // folded and announced, killed before the mark
        assertMails(watcher, 1);

        publisher.publish(alarms.onAnomaly(anomaly)); // replay: the same creation again, same revision
        assertAlarms(device, 1, 1);
        assertMails(watcher, 1);
        given().auth().oauth2(TestTokens.operator()).queryParam("recipient", watcher).get("/api/v1/notifications/log")
                .then().statusCode(200).body("size()", equalTo(1)).body("[0].state", equalTo("SENT"));
    }

    @Test
    void aCrashAfterAFoldIntoAnOpenAlarmIsCountedOnceAndItsSeverityRiseMailedOnce() {
        String watcher = Fixtures.unique("crashrise");
        String device = followedDevice("crashupd", watcher);
        publisher.publish(alarms.onAnomaly(Fixtures.anomaly(device, "pressure", AnomalyType.OUT_OF_RANGE,
                Severity.MINOR, 6.6)));
        AnomalyEvent worse = major(device, 7.9);

        alarms.applyAnomaly(worse); // folded and raised to MAJOR, killed before publishing and marking
        publisher.publish(alarms.onAnomaly(worse));
        publisher.publish(alarms.onAnomaly(worse));

        assertAlarms(device, 1, 2);
        given().auth().oauth2(TestTokens.viewer()).queryParam("deviceId", device).get("/api/v1/alarms")
                .then().body("[0].severity", equalTo("MAJOR"));
        assertEquals(1, historyEntries(device + "|pressure|OUT_OF_RANGE#1", "SEVERITY_RAISED"));
        assertMails(watcher, 1);
        assertEquals("[PlantWatch] alarm raised to MAJOR on Device " + device + ": pressure OUT_OF_RANGE",
                Fixtures.mailsTo(watcher).get(0).get("subject"));
    }

    @Test
    void aReplayAfterTheAlarmWasClearedOpensNoNewAlarmButANewAnomalyDoes() {
        String watcher = Fixtures.unique("crashclear");
        String device = followedDevice("crashgen", watcher);
        String first = device + "|pressure|OUT_OF_RANGE#1";
        AnomalyEvent anomaly = major(device, 9.0);

        publisher.publish(alarms.applyAnomaly(anomaly)); // announced, then killed before the mark
        given().auth().oauth2(TestTokens.operator()).contentType("application/json").body("{}")
                .post("/api/v1/alarms/{id}/clear", first).then().statusCode(200);

        assertTrue(alarms.onAnomaly(anomaly).stream().noneMatch(c -> c.change() == AlarmChange.CREATED),
                "the replay belongs to the cleared alarm");
        assertAlarms(device, 1, 1);
        given().auth().oauth2(TestTokens.viewer()).get("/api/v1/alarms/{id}", first)
                .then().statusCode(200).body("alarm.status", equalTo("CLEARED_UNACK")).body("alarm.count", equalTo(1));

        publisher.publish(alarms.onAnomaly(major(device, 9.5))); // new data re-raises: the next generation
        given().auth().oauth2(TestTokens.viewer()).queryParam("deviceId", device).get("/api/v1/alarms")
                .then().statusCode(200).header("X-Total-Count", "2")
                .body("[0].id", equalTo(device + "|pressure|OUT_OF_RANGE#2")).body("[0].count", equalTo(1));
        assertMails(watcher, 2);
    }
}
