package io.plantwatch.alert.alarm;

import io.plantwatch.alert.alarm.messaging.AlarmChangePublisher;
import io.plantwatch.alert.alarm.service.AlarmService;
import io.plantwatch.alert.alarm.service.AlarmTimers;
import io.plantwatch.alert.support.Fixtures;
import io.plantwatch.alert.support.TestClock;
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
import io.netty.handler.codec.mqtt.MqttQoS;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.core.Vertx;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** OFFLINE alarms from plant.device-status, and every alarm change out on MQTT plantwatch/alerts/{deviceId}. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(MongoTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(SmtpTestResource.class)
@WithTestResource(MqttTestResource.class)
class DeviceStatusAndMqttTest {

    @Inject
    AlarmService alarms;

    @Inject
    AlarmChangePublisher publisher;

    @Inject
    AlarmTimers timers;

    @Inject
    TestClock clock;

    @Test
    void offlineRaisesAnAlarmThatOnlyComingBackOnlineClears() {
        String device = Fixtures.unique("offline");
        Fixtures.deviceStatus(device, false);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(TestTokens.viewer()).queryParam("deviceId", device).get("/api/v1/alarms").then()
                        .body("id", contains(device + "|*|OFFLINE#1")).body("severity", contains("MAJOR"))
                        .body("message", contains(containsString("is offline: no sample for 30 s"))));
        publisher.publish(alarms.onAnomaly(Fixtures.anomaly(device, "pressure", AnomalyType.MISSING, Severity.MINOR, 0.0)));

        clock.advance(Duration.ofHours(2)); // silence is not quiet: the timer leaves both open
        timers.tick();
        given().auth().oauth2(TestTokens.viewer()).queryParam("deviceId", device).get("/api/v1/alarms").then()
                .body("size()", equalTo(2)).body("status", everyItem(equalTo("ACTIVE_UNACK")));

        Fixtures.deviceStatus(device, true);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(TestTokens.viewer()).queryParam("deviceId", device).get("/api/v1/alarms").then()
                        .body("size()", equalTo(2)).body("status", everyItem(equalTo("CLEARED_UNACK")))
                        .body("clearReason", everyItem(containsString("device back online"))));
    }

    @Test
    void alarmChangesArePublishedToMqttForFieldDisplays() throws Exception {
        String device = Fixtures.unique("display");
        List<AlarmEvent> received = new CopyOnWriteArrayList<>();
        Vertx vertx = Vertx.vertx();
        MqttClient client = MqttClient.create(vertx, new MqttClientOptions().setClientId(Fixtures.unique("sub")));
        try {
            client.connect(MqttTestResource.port(), "127.0.0.1").toCompletionStage().toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            client.publishHandler(m -> received.add(EventJson.fromBytes(m.payload().getBytes(), AlarmEvent.class)));
            client.subscribe("plantwatch/alerts/" + device, MqttQoS.AT_LEAST_ONCE.value()).toCompletionStage()
                    .toCompletableFuture().get(10, TimeUnit.SECONDS);

            publisher.publish(alarms.onAnomaly(Fixtures.anomaly(device, "voltage", AnomalyType.SPIKE, Severity.CRITICAL, 262.0)));
            String id = device + "|voltage|SPIKE#1";
            given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                    .post("/api/v1/alarms/{id}/ack", id).then().statusCode(200);

            await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 2);
            assertEquals(List.of(AlarmChange.CREATED, AlarmChange.ACKNOWLEDGED), received.stream().map(AlarmEvent::change).toList());
            assertEquals(id, received.get(0).alarmId());
            assertEquals(Severity.CRITICAL, received.get(0).severity());
            assertEquals(262.0, received.get(0).value());
            assertEquals("operator", received.get(1).actor());
        } finally {
            client.disconnect();
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
