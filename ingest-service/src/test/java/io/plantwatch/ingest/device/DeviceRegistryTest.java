package io.plantwatch.ingest.device;

import io.plantwatch.contracts.Topics;
import io.plantwatch.contracts.event.DeviceStatus;
import io.plantwatch.contracts.json.EventJson;
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
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The device registry over HTTP: CRUD for admins, read for operators and viewers, bad drafts named field by field,
 * changes applied at once (a disabled device's data are refused), and the online/offline tracking of a pushed device
 * from its expected sampling period, published on plant.device-status.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(MongoTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(MqttTestResource.class)
class DeviceRegistryTest {

    private static String meter(String id, boolean enabled, double periodSeconds) {
        return "{\"id\":\"" + id + "\",\"name\":\"Meter " + id + "\",\"site\":\"plant-r\",\"line\":\"line-1\",\"protocol\":\"http\","
                + "\"enabled\":" + enabled + ",\"channels\":[{\"name\":\"power\",\"unit\":\"W\",\"validLow\":0,\"validHigh\":50000,"
                + "\"expectedPeriodSeconds\":" + periodSeconds + "}]}";
    }

    private static String sample() {
        return "{\"ts\":\"" + Instant.now() + "\",\"values\":{\"power\":1200.0}}";
    }

    @Test
    void crudForAdminsReadForOthers() {
        String id = "reg-1";
        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON).body(meter(id, true, 60))
                .post("/api/v1/devices").then().statusCode(403);
        given().contentType(ContentType.JSON).body(meter(id, true, 60)).post("/api/v1/devices").then().statusCode(401);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(meter(id, true, 60))
                .post("/api/v1/devices").then().statusCode(201).body("id", equalTo(id)).body("site", equalTo("plant-r"))
                .body("channels[0].unit", equalTo("W"));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(meter(id, true, 60))
                .post("/api/v1/devices").then().statusCode(409);

        for (String reader : List.of(TestTokens.viewer(), TestTokens.operator(), TestTokens.admin())) {
            given().auth().oauth2(reader).get("/api/v1/devices/" + id).then().statusCode(200).body("name", equalTo("Meter " + id));
        }
        given().auth().oauth2(TestTokens.viewer()).queryParam("site", "plant-r").get("/api/v1/devices")
                .then().statusCode(200).body("id", hasItem(id));

        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON).body(meter(id, false, 60))
                .put("/api/v1/devices/" + id).then().statusCode(403);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(meter(id, true, 60).replace("Meter " + id, "Main meter"))
                .put("/api/v1/devices/" + id).then().statusCode(200).body("name", equalTo("Main meter"));

        given().auth().oauth2(TestTokens.viewer()).delete("/api/v1/devices/" + id).then().statusCode(403);
        given().auth().oauth2(TestTokens.admin()).delete("/api/v1/devices/" + id).then().statusCode(204);
        given().auth().oauth2(TestTokens.viewer()).get("/api/v1/devices/" + id).then().statusCode(404);
        given().auth().oauth2(TestTokens.viewer()).get("/api/v1/devices").then().statusCode(200).body("id", not(hasItem(id)));
    }

    @Test
    void badDraftsAre400NamingEachField() {
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body("{\"id\":\"bad id!\",\"name\":\"x\",\"site\":\"s\",\"protocol\":\"carrier-pigeon\",\"channels\":[]}")
                .post("/api/v1/devices").then().statusCode(400).body("error", equalTo("validation"))
                .body("fields.field", hasItem("id")).body("fields.field", hasItem("protocol"));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body("{\"id\":\"plc-x\",\"name\":\"x\",\"site\":\"s\",\"protocol\":\"modbus-tcp\",\"pollIntervalMs\":500,"
                        + "\"connection\":{\"host\":\"127.0.0.1\",\"port\":502},\"channels\":[{\"name\":\"p\"}]}")
                .post("/api/v1/devices").then().statusCode(400).body("fields.field", hasItem("channels[0].address"));
    }

    @Test
    void disablingADeviceRefusesItsDataAtOnce() {
        String id = "reg-2";
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(meter(id, true, 60))
                .post("/api/v1/devices").then().statusCode(201);
        String body = "{\"deviceId\":\"" + id + "\",\"samples\":[" + sample() + "]}";
        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON).body(body).post("/api/v1/ingest")
                .then().statusCode(202);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(meter(id, false, 60))
                .put("/api/v1/devices/" + id).then().statusCode(200).body("enabled", equalTo(false));
        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON).body(body).post("/api/v1/ingest")
                .then().statusCode(400).body("fields[0].field", equalTo("deviceId"));
    }

    @Test
    void offlineAfterThreeExpectedPeriodsOnlineOnReturn() {
        String id = "reg-3";
        try (TopicProbe status = TopicProbe.atEnd(KafkaTestResource.bootstrapServers(), Topics.DEVICE_STATUS)) {
            // a sample every 0.5 s expected: offline once 1.5 s pass without one
            given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(meter(id, true, 0.5))
                    .post("/api/v1/devices").then().statusCode(201);
            String body = "{\"deviceId\":\"" + id + "\",\"samples\":[" + sample() + "]}";
            given().auth().oauth2(TestTokens.device(id)).contentType(ContentType.JSON).body(body).post("/api/v1/ingest")
                    .then().statusCode(202);
            List<DeviceStatus> changes = changes(status, id, 2);
            assertEquals(List.of(true, false), changes.stream().map(DeviceStatus::online).toList());
            assertTrue(changes.get(1).reason().contains("3 x 0.5 s"), changes.get(1).reason());
            assertTrue(Duration.between(changes.get(0).at(), changes.get(1).at()).toMillis() >= 1500,
                    "not offline before 3 expected periods passed");
            given().auth().oauth2(TestTokens.viewer()).get("/api/v1/devices/" + id).then().statusCode(200)
                    .body("online", equalTo(false)).body("lastSeen", notNullValue());

            given().auth().oauth2(TestTokens.device(id)).contentType(ContentType.JSON)
                    .body("{\"deviceId\":\"" + id + "\",\"samples\":[" + sample() + "]}").post("/api/v1/ingest").then().statusCode(202);
            List<DeviceStatus> back = changes(status, id, 3);
            assertEquals(true, back.get(2).online(), "online again on return");
            assertEquals("sample received", back.get(2).reason());
        }
    }

    private static List<DeviceStatus> changes(TopicProbe probe, String id, int count) {
        List<ConsumerRecord<String, byte[]>> records = probe.await(count, r -> id.equals(r.key()), Duration.ofSeconds(20));
        assertTrue(records.size() >= count, "status changes of " + id + ": " + records.size());
        return records.stream().map(r -> EventJson.fromBytes(r.value(), DeviceStatus.class)).toList();
    }
}
