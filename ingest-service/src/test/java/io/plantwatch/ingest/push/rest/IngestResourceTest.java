package io.plantwatch.ingest.push.rest;

import io.plantwatch.contracts.Topics;
import io.plantwatch.contracts.event.Reading;
import io.plantwatch.contracts.event.Source;
import io.plantwatch.contracts.json.EventJson;
import io.plantwatch.ingest.TestDevices;
import io.plantwatch.local.testing.JwtTestResource;
import io.plantwatch.local.testing.KafkaTestResource;
import io.plantwatch.local.testing.MongoTestResource;
import io.plantwatch.local.testing.MqttTestResource;
import io.plantwatch.local.testing.TestTokens;
import io.plantwatch.local.testing.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** HTTP push through a real Kafka broker: what is accepted is on plant.readings, what is not is nowhere. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(MongoTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(MqttTestResource.class)
class IngestResourceTest {

    @BeforeEach
    void devices() {
        TestDevices.register(TestDevices.pushed("pump-7", "http", "pressure", "current"));
        TestDevices.register(TestDevices.pushed("meter-1", "http", "v"));
    }

    @Test
    void batchBecomesOneKeyedReadingPerSample() {
        Instant t = Instant.now().minusSeconds(10);
        try (TopicProbe probe = TopicProbe.atEnd(KafkaTestResource.bootstrapServers(), Topics.READINGS)) {
            given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                    .body("{\"deviceId\":\"pump-7\",\"samples\":[{\"ts\":\"" + t + "\",\"values\":{\"pressure\":2.1}},"
                            + "{\"ts\":\"" + t.plusSeconds(1) + "\",\"values\":{\"pressure\":2.2,\"current\":1.5}}]}")
                    .post("/api/v1/ingest")
                    .then().statusCode(202).body("accepted", equalTo(2)).body("deviceId", equalTo("pump-7"));
            List<ConsumerRecord<String, byte[]>> records = probe.await(2, r -> "pump-7".equals(r.key()), Duration.ofSeconds(20));
            assertEquals(2, records.size());
            Reading first = EventJson.fromBytes(records.get(0).value(), Reading.class);
            assertEquals(t, first.ts());
            assertEquals(Source.HTTP, first.source());
            assertEquals(2.1, first.values().get("pressure"));
            assertEquals(records.get(0).partition(), records.get(1).partition(), "one device, one partition");
        }
    }

    @Test
    void badBatchesAre400NamingEveryFieldAndPublishNothing() {
        String now = Instant.now().toString();
        try (TopicProbe probe = TopicProbe.atEnd(KafkaTestResource.bootstrapServers(), Topics.READINGS)) {
            given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON).body("{\"deviceId\":")
                    .post("/api/v1/ingest").then().statusCode(400).body("fields.field", contains("body"));
            given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                    .body("{\"samples\":[{\"ts\":\"" + now + "\",\"values\":{\"p\":1}}]}")
                    .post("/api/v1/ingest").then().statusCode(400).body("fields.field", contains("deviceId"));
            given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                    .body("{\"deviceId\":\"bad-1\",\"samples\":[{\"ts\":\"" + now + "\",\"values\":{\"p\":1.0}},"
                            + "{\"ts\":\"" + now + "\",\"values\":{\"p\":NaN,\"q\":\"x\"}},"
                            + "{\"ts\":\"yesterday\",\"values\":{\"p\":1}},"
                            + "{\"ts\":\"" + Instant.now().plus(Duration.ofDays(1)) + "\",\"values\":{\"p\":1e999}}]}")
                    .post("/api/v1/ingest").then().statusCode(400).body("error", equalTo("validation"))
                    .body("fields.field", containsInAnyOrder("samples[1].values.p", "samples[1].values.q",
                            "samples[2].ts", "samples[3].ts", "samples[3].values.p"));
            assertTrue(probe.drain(Duration.ofSeconds(2)).isEmpty(), "a rejected batch must publish nothing");
        }
    }

    @Test
    void authRules() {
        String body = "{\"deviceId\":\"meter-1\",\"samples\":[{\"ts\":\"" + Instant.now() + "\",\"values\":{\"v\":230.0}}]}";
        given().contentType(ContentType.JSON).body(body).post("/api/v1/ingest").then().statusCode(401);
        given().auth().oauth2(TestTokens.viewer()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/ingest").then().statusCode(403);
        given().auth().oauth2(TestTokens.device("meter-2")).contentType(ContentType.JSON).body(body)
                .post("/api/v1/ingest").then().statusCode(403).body("message", equalTo("a device token may push only its own deviceId"));
        given().auth().oauth2(TestTokens.device("meter-2")).contentType(ContentType.JSON)
                .body("{\"deviceId\":\"meter-1\",\"channel\":\"v\",\"value\":230.0}")
                .post("/api/v1/data").then().statusCode(403);
        given().auth().oauth2(TestTokens.device("meter-1")).contentType(ContentType.JSON).body(body)
                .post("/api/v1/ingest").then().statusCode(202).body("readingIds", hasItem(org.hamcrest.Matchers.notNullValue()));
    }
}
