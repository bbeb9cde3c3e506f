package io.plantwatch.auth.post;

import io.plantwatch.auth.feed.repository.DeviceSiteRepository;
import io.plantwatch.auth.support.Accounts;
import io.plantwatch.auth.support.Accounts.Account;
import io.plantwatch.contracts.Topics;
import io.plantwatch.contracts.event.AlarmChange;
import io.plantwatch.contracts.event.AlarmEvent;
import io.plantwatch.contracts.event.AlarmStatus;
import io.plantwatch.contracts.event.AnomalyType;
import io.plantwatch.contracts.event.DeviceEvent;
import io.plantwatch.contracts.event.EventIds;
import io.plantwatch.contracts.event.FollowEvent;
import io.plantwatch.contracts.event.Severity;
import io.plantwatch.contracts.json.EventJson;
import io.plantwatch.local.testing.JwtTestResource;
import io.plantwatch.local.testing.KafkaTestResource;
import io.plantwatch.local.testing.MongoTestResource;
import io.plantwatch.local.testing.TestTokens;
import io.plantwatch.local.testing.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The operator logbook, follows (published on plant.follows) and the feed built from Kafka projections. */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(KafkaTestResource.class)
class LogbookAndFeedTest {

    @Inject
    DeviceSiteRepository deviceSites;

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 6);
    }

    @Test
    void authorsWriteEditAndDeleteTheirOwnEntriesAdminsModerate() {
        Account olga = Accounts.create("olga", "operator");
        Account omar = Accounts.create("omar", "operator");
        String olgaToken = Accounts.accessToken(olga);
        String omarToken = Accounts.accessToken(omar);
        String device = "pump-" + suffix();

        String id = as(olgaToken).body(Map.of("text", "Replaced the inlet filter", "deviceId", device, "alarmId", "a-1"))
                .post("/api/v1/posts").then().statusCode(201).body("author", equalTo(olga.username()))
                .body("deviceId", equalTo(device)).extract().path("id");
        as(omarToken).body(Map.of("text", "hijack")).put("/api/v1/posts/" + id).then().statusCode(403);
        as(omarToken).delete("/api/v1/posts/" + id).then().statusCode(403);
        as(olgaToken).body(Map.of("text", "Replaced the inlet filter and the gasket")).put("/api/v1/posts/" + id)
                .then().statusCode(200).body("text", equalTo("Replaced the inlet filter and the gasket"));
        as(TestTokens.viewer()).get("/api/v1/posts/" + id).then().statusCode(200).body("editedAt", org.hamcrest.Matchers.notNullValue());
        as(TestTokens.viewer()).body(Map.of("text", "viewers read only")).post("/api/v1/posts").then().statusCode(403);
        as(TestTokens.admin()).delete("/api/v1/posts/" + id).then().statusCode(204);
        as(olgaToken).get("/api/v1/posts/" + id).then().statusCode(404);

        String own = as(omarToken).body(Map.of("text", "mine")).post("/api/v1/posts").then().statusCode(201)
                .extract().path("id");
        as(omarToken).delete("/api/v1/posts/" + own).then().statusCode(204);
    }

    @Test
    void entriesAreFilteredByDeviceAlarmAuthorAndTime() {
        Account ana = Accounts.create("ana", "operator");
        String token = Accounts.accessToken(ana);
        String device = "boiler-" + suffix();
        Instant start = Instant.now().minusSeconds(1);
        as(token).body(Map.of("text", "one", "deviceId", device)).post("/api/v1/posts").then().statusCode(201);
        as(token).body(Map.of("text", "two", "deviceId", device, "alarmId", "alarm-" + device)).post("/api/v1/posts")
                .then().statusCode(201);
        as(TestTokens.operator()).body(Map.of("text", "three", "deviceId", device)).post("/api/v1/posts").then()
                .statusCode(201);

        as(TestTokens.viewer()).queryParam("deviceId", device).get("/api/v1/posts").then().statusCode(200)
                .body("text", contains("three", "two", "one"));
        as(TestTokens.viewer()).queryParam("alarmId", "alarm-" + device).get("/api/v1/posts").then().statusCode(200)
                .body("text", contains("two"));
        as(TestTokens.viewer()).queryParam("deviceId", device).queryParam("author", ana.username()).get("/api/v1/posts")
                .then().statusCode(200).body("text", contains("two", "one"));
        as(TestTokens.viewer()).queryParam("deviceId", device).queryParam("from", start.toString())
                .queryParam("to", Instant.now().plusSeconds(5).toString()).queryParam("size", 2).get("/api/v1/posts")
                .then().statusCode(200).body("", hasSize(2));
        as(TestTokens.viewer()).queryParam("deviceId", device).queryParam("to", start.toString()).get("/api/v1/posts")
                .then().statusCode(200).body("", hasSize(0));
        as(TestTokens.viewer()).queryParam("from", "yesterday").get("/api/v1/posts").then().statusCode(400)
                .body("fields[0].field", equalTo("from"));
        as(token).body(Map.of("text", " ")).post("/api/v1/posts").then().statusCode(400)
                .body("fields[0].field", equalTo("text"));
        as(token).body(Map.of("text", "x".repeat(5001), "deviceId", "bad id")).post("/api/v1/posts").then()
                .statusCode(400).body("fields.field", contains("text", "deviceId"));
        as(token).body("{\"text\":").post("/api/v1/posts").then().statusCode(400);
    }

    @Test
    void followsArePublishedAndTheFeedMergesPostsAndAlarmChanges() {
        String s = suffix();
        String device = "pump-" + s;
        String site = "site-" + s;
        String otherDevice = "fan-" + s;
        Account reader = Accounts.create("reader", "viewer");
        Account writer = Accounts.create("writer", "operator");
        String readerToken = Accounts.accessToken(reader);
        String writerToken = Accounts.accessToken(writer);

        // the registry says otherDevice is on the followed site
        DeviceEvent registry = new DeviceEvent(DeviceEvent.SCHEMA_VERSION, otherDevice, "Fan", site, "line-1", "http",
                true, false, List.of(), 1, Instant.now());
        TopicProbe.send(KafkaTestResource.bootstrapServers(), Topics.DEVICES, otherDevice, EventJson.toBytes(registry));
        await().atMost(Duration.ofSeconds(60)).until(() -> deviceSites.siteOf(otherDevice).isPresent());

        try (TopicProbe follows = TopicProbe.atEnd(KafkaTestResource.bootstrapServers(), Topics.FOLLOWS)) {
            as(readerToken).body(Map.of("targetKind", "device", "targetId", device)).post("/api/v1/follows").then()
                    .statusCode(201).body("targetKind", equalTo("DEVICE"));
            as(readerToken).body(Map.of("targetKind", "SITE", "targetId", site)).post("/api/v1/follows").then()
                    .statusCode(201);
            as(readerToken).body(Map.of("targetKind", "user", "targetId", writer.username())).post("/api/v1/follows")
                    .then().statusCode(201).body("targetId", equalTo(writer.id()));
            as(readerToken).body(Map.of("targetKind", "planet", "targetId", "")).post("/api/v1/follows").then()
                    .statusCode(400).body("fields.field", contains("targetKind", "targetId"));
            as(readerToken).body(Map.of("targetKind", "user", "targetId", "nobody-" + s)).post("/api/v1/follows")
                    .then().statusCode(404);
            as(readerToken).get("/api/v1/follows").then().statusCode(200).body("", hasSize(3));

            String followId = FollowEvent.idOf(reader.id(), FollowEvent.TargetKind.DEVICE, device);
            List<ConsumerRecord<String, byte[]>> records = follows.await(3, r -> r.key().startsWith(reader.id()),
                    Duration.ofSeconds(60));
            assertTrue(records.size() >= 3, "got " + records.size());
            FollowEvent event = records.stream().filter(r -> r.key().equals(followId)).findFirst()
                    .map(r -> EventJson.fromBytes(r.value(), FollowEvent.class)).orElseThrow();
            assertEquals(reader.id(), event.userId());
            assertEquals(device, event.targetId());
            assertTrue(event.active());

            // alert-service's alarm changes arrive on plant.alarms; one for a device nobody here follows
            Instant t0 = Instant.now().minusSeconds(30);
            publishAlarm(device, null, 1, AlarmChange.CREATED, "system", t0);
            publishAlarm(device, null, 2, AlarmChange.ACKNOWLEDGED, "someone", t0.plusSeconds(5));
            publishAlarm("elsewhere-" + s, null, 1, AlarmChange.CREATED, "system", t0.plusSeconds(6));
            publishAlarm("other-" + s, "x", 1, AlarmChange.ACKNOWLEDGED, writer.username(), t0.plusSeconds(7));
            publishAlarm(device, null, 2, AlarmChange.ACKNOWLEDGED, "someone", t0.plusSeconds(5)); // a replay

            as(writerToken).body(Map.of("text", "Fan bearing noisy", "deviceId", otherDevice)).post("/api/v1/posts")
                    .then().statusCode(201).body("site", equalTo(site));
            as(TestTokens.operator()).body(Map.of("text", "Pump checked", "deviceId", device)).post("/api/v1/posts")
                    .then().statusCode(201);
            as(TestTokens.operator()).body(Map.of("text", "unrelated", "deviceId", "elsewhere-" + s))
                    .post("/api/v1/posts").then().statusCode(201);

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                    as(readerToken).get("/api/v1/feed").then().statusCode(200)
                            .body("kind", contains("post", "post", "alarm", "alarm", "alarm"))
                            .body("[0].post.text", equalTo("Pump checked"))
                            .body("[1].post.text", equalTo("Fan bearing noisy"))
                            .body("[2].alarm.actor", equalTo(writer.username()))
                            .body("[3].alarm.change", equalTo("ACKNOWLEDGED"))
                            .body("[4].alarm.change", equalTo("CREATED")));
            String third = as(readerToken).get("/api/v1/feed").then().extract().path("[2].at");
            as(readerToken).queryParam("before", third).queryParam("limit", 1).get("/api/v1/feed").then()
                    .statusCode(200).body("", hasSize(1)).body("[0].alarm.change", equalTo("ACKNOWLEDGED"));
            as(readerToken).queryParam("before", "soon").get("/api/v1/feed").then().statusCode(400);

            as(readerToken).delete("/api/v1/follows/device/" + device).then().statusCode(204);
            as(readerToken).delete("/api/v1/follows/device/" + device).then().statusCode(404);
            List<ConsumerRecord<String, byte[]>> removal = follows.await(1, r -> r.key().equals(followId)
                    && !EventJson.fromBytes(r.value(), FollowEvent.class).active(), Duration.ofSeconds(60));
            assertFalse(removal.isEmpty(), "the removal is published too");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(readerToken).get("/api/v1/feed").then()
                    .statusCode(200).body("post.text", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("Pump checked"))));
        }
    }

    private static void publishAlarm(String device, String site, long revision, AlarmChange change, String actor,
            Instant at) {
        String alarmId = device + "|pressure|SPIKE#1";
        AlarmEvent event = new AlarmEvent(AlarmEvent.SCHEMA_VERSION, EventIds.alarmEventId(alarmId, revision), alarmId,
                revision, device, site, "pressure", AnomalyType.SPIKE, Severity.MAJOR,
                change == AlarmChange.CREATED ? AlarmStatus.ACTIVE_UNACK : AlarmStatus.ACTIVE_ACK, 1, at, at, null,
                change, actor, at, 9.5, "pressure 9.5 bar");
        TopicProbe.send(KafkaTestResource.bootstrapServers(), Topics.ALARMS, alarmId, EventJson.toBytes(event));
    }
}
