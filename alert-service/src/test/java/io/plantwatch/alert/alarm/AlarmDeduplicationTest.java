package io.plantwatch.alert.alarm;

import io.plantwatch.alert.alarm.messaging.AlarmChangePublisher;
import io.plantwatch.alert.alarm.service.AlarmChanged;
import io.plantwatch.alert.alarm.service.AlarmService;
import io.plantwatch.alert.support.Fixtures;
import io.plantwatch.contracts.Topics;
import io.plantwatch.contracts.event.AlarmChange;
import io.plantwatch.contracts.event.AlarmEvent;
import io.plantwatch.contracts.event.AnomalyEvent;
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
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** At most one active alarm per device + channel + type, under concurrency and replays, without transactions. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(MongoTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(SmtpTestResource.class)
@WithTestResource(MqttTestResource.class)
class AlarmDeduplicationTest {

    @Inject
    AlarmService alarms;

    @Inject
    AlarmChangePublisher publisher;

    @Test
    void twoHundredConcurrentIdenticalAnomaliesMakeOneAlarmWithCount200() throws Exception {
        String device = Fixtures.unique("dedup");
        List<AnomalyEvent> anomalies = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            anomalies.add(Fixtures.anomaly(device, "pressure", AnomalyType.OUT_OF_RANGE, Severity.MINOR, 4.0 + i * 0.01));
        }
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<AlarmChanged> changes = new ArrayList<>();
        try {
            List<Callable<List<AlarmChanged>>> calls = anomalies.stream()
                    .<Callable<List<AlarmChanged>>>map(a -> () -> alarms.onAnomaly(a)).toList();
            for (Future<List<AlarmChanged>> f : pool.invokeAll(calls, 120, TimeUnit.SECONDS)) {
                changes.addAll(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        publisher.publish(changes);

        assertEquals(1, changes.stream().filter(c -> c.change() == AlarmChange.CREATED).count(), "exactly one creation");
        assertEquals(200, changes.size(), "every anomaly is one change of the alarm");
        given().auth().oauth2(TestTokens.viewer()).queryParam("deviceId", device).get("/api/v1/alarms")
                .then().statusCode(200).header("X-Total-Count", "1").body("size()", equalTo(1))
                .body("[0].id", equalTo(device + "|pressure|OUT_OF_RANGE#1")).body("[0].count", equalTo(200))
                .body("[0].status", equalTo("ACTIVE_UNACK")).body("[0].severity", equalTo("MINOR"))
                .body("[0].peakValue", equalTo(5.99f));

        // a replay of the same anomalies (at-least-once delivery) changes nothing
        for (AnomalyEvent a : anomalies.subList(0, 20)) {
            assertTrue(alarms.onAnomaly(a).isEmpty(), "a replayed anomaly must not count again");
        }
        given().auth().oauth2(TestTokens.viewer()).queryParam("deviceId", device).get("/api/v1/alarms")
                .then().body("[0].count", equalTo(200));
    }

    @Test
    void anomaliesFromKafkaFoldIntoOneAlarmPublishedOnPlantAlarms() {
        String device = Fixtures.unique("kdedup");
        List<AnomalyEvent> anomalies = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            anomalies.add(Fixtures.anomaly(device, "flow", AnomalyType.SPIKE, i == 150 ? Severity.MAJOR : Severity.WARNING,
                    10.0 + i));
        }
        AnomalyEvent info = Fixtures.anomaly(device, "temperature", AnomalyType.DRIFT, Severity.INFO, 1.0);
        try (TopicProbe probe = TopicProbe.atEnd(KafkaTestResource.bootstrapServers(), Topics.ALARMS)) {
            List<AnomalyEvent> all = new ArrayList<>(anomalies);
            all.add(info);
            all.addAll(anomalies.subList(0, 50)); // replays within the stream
            Fixtures.anomalies(all);

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    given().auth().oauth2(TestTokens.operator()).queryParam("deviceId", device).get("/api/v1/alarms")
                            .then().statusCode(200).body("size()", equalTo(1)).body("[0].count", equalTo(200))
                            .body("[0].severity", equalTo("MAJOR")).body("[0].peakSeverity", equalTo("MAJOR")));
            List<ConsumerRecord<String, byte[]>> records = probe.await(201,
                    r -> r.key().startsWith(device + "|"), Duration.ofSeconds(60));
            List<AlarmEvent> events = records.stream().map(r -> EventJson.fromBytes(r.value(), AlarmEvent.class)).toList();
            assertEquals(1, events.stream().filter(e -> e.change() == AlarmChange.CREATED).count());
            assertTrue(events.stream().allMatch(e -> e.alarmId().equals(device + "|flow|SPIKE#1")),
                    "every change is keyed by the one alarm");
            assertEquals(events.size(), events.stream().map(AlarmEvent::id).distinct().count(), "stable, distinct ids");
            assertTrue(events.stream().anyMatch(e -> e.severity() == Severity.MAJOR), "the severity rise is published");
        }
        // INFO verdicts are history only: no alarm for the temperature channel
        given().auth().oauth2(TestTokens.viewer()).queryParam("deviceId", device).queryParam("severity", "INFO")
                .get("/api/v1/alarms").then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void aSecondInstanceFoldingConcurrentlyWithTheKafkaConsumerStillMakesOneAlarm() throws Exception {
        // two alert-service instances share MongoDB: this one consumes plant.anomalies, the "other" one is 8 threads
        // calling the service directly at the same time, on the same slot
        String device = Fixtures.unique("twoinst");
        List<AnomalyEvent> overKafka = new ArrayList<>();
        List<AnomalyEvent> direct = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            overKafka.add(Fixtures.anomaly(device, "current", AnomalyType.OUT_OF_RANGE, Severity.MAJOR, 20.0 + i));
            direct.add(Fixtures.anomaly(device, "current", AnomalyType.OUT_OF_RANGE, Severity.MAJOR, 30.0 + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(9);
        try (TopicProbe probe = TopicProbe.atEnd(KafkaTestResource.bootstrapServers(), Topics.ALARMS)) {
            Future<?> kafka = pool.submit(() -> Fixtures.anomalies(overKafka));
            List<Future<List<AlarmChanged>>> folds = new ArrayList<>();
            for (AnomalyEvent a : direct) {
                folds.add(pool.submit(() -> alarms.onAnomaly(a)));
            }
            List<AlarmChanged> directChanges = new ArrayList<>();
            for (Future<List<AlarmChanged>> f : folds) {
                directChanges.addAll(f.get(120, TimeUnit.SECONDS));
            }
            publisher.publish(directChanges);
            kafka.get(60, TimeUnit.SECONDS);

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    given().auth().oauth2(TestTokens.viewer()).queryParam("deviceId", device).get("/api/v1/alarms")
                            .then().statusCode(200).header("X-Total-Count", "1")
                            .body("[0].id", equalTo(device + "|current|OUT_OF_RANGE#1")).body("[0].count", equalTo(200))
                            .body("[0].peakValue", equalTo(129.0f)));
            List<AlarmEvent> events = probe.await(200, r -> r.key().startsWith(device + "|"), Duration.ofSeconds(60))
                    .stream().map(r -> EventJson.fromBytes(r.value(), AlarmEvent.class)).toList();
            assertEquals(1, events.stream().filter(e -> e.change() == AlarmChange.CREATED).count(),
                    "one creation across both instances: " + events.size() + " events");
        } finally {
            pool.shutdownNow();
        }
    }
}
