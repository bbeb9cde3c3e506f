package io.plantwatch.ingest.push.rest;

import io.plantwatch.ingest.TestDevices;
import io.plantwatch.local.process.FreePorts;
import io.plantwatch.local.testing.JwtTestResource;
import io.plantwatch.local.testing.KafkaTestResource;
import io.plantwatch.local.testing.MongoTestResource;
import io.plantwatch.local.testing.MqttTestResource;
import io.plantwatch.local.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Back-pressure instead of data loss: with plant.readings unreachable (the readings producer points at a port
 * where no broker listens) the bounded buffer (4 readings here) fills with readings that wait for Kafka, and the
 * next push is answered 503 with Retry-After at once rather than queued without bound or dropped.
 */
@QuarkusTest
@TestProfile(BufferFullTest.KafkaDown.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(MongoTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(MqttTestResource.class)
class BufferFullTest {

    /** Readings go to a dead address; registry events and dead letters still reach the real broker. */
    public static class KafkaDown implements QuarkusTestProfile {
        private static final int DEAD_PORT = FreePorts.next();

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mp.messaging.outgoing.readings-out.bootstrap.servers", "127.0.0.1:" + DEAD_PORT,
                    "plantwatch.ingest.buffer-capacity", "4",
                    "plantwatch.ingest.publish-timeout", "PT2S");
        }
    }

    private static String batch(int samples) {
        StringBuilder body = new StringBuilder("{\"deviceId\":\"bp-1\",\"samples\":[");
        Instant t = Instant.now().minusSeconds(60);
        for (int i = 0; i < samples; i++) {
            body.append(i == 0 ? "" : ",").append("{\"ts\":\"").append(t.plusMillis(i)).append("\",\"values\":{\"v\":1.0}}");
        }
        return body.append("]}").toString();
    }

    @Test
    void aFullBufferAnswers503WithRetryAfter() {
        TestDevices.register(TestDevices.pushed("bp-1", "http", "v"));
        // 3 readings enter the buffer and wait for a Kafka that is not there: 503 once the publish timeout passes
        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON).body(batch(3))
                .post("/api/v1/ingest").then().statusCode(503).header("Retry-After", equalTo("5"))
                .body("message", containsString("did not confirm"));
        // they still hold their room (the producer keeps trying): 3 more do not fit in 4
        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON).body(batch(3))
                .post("/api/v1/ingest").then().statusCode(503).header("Retry-After", equalTo("5"))
                .body("status", equalTo(503)).body("message", containsString("ingest buffer is full"));
    }
}
