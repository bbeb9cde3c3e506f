package io.plantwatch.ingest;

import io.plantwatch.contracts.event.DeadLetter;
import io.plantwatch.contracts.event.Reading;
import io.plantwatch.contracts.json.EventJson;
import io.plantwatch.local.testing.TestTokens;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import static io.restassured.RestAssured.given;

/** Registers devices through the real API (as admin) for tests, and reads topic records. */
public final class TestDevices {

    private TestDevices() {
    }

    /** POSTs a device; replaces it with PUT when a test class runs twice in one JVM. */
    public static void register(String json) {
        String id = io.restassured.path.json.JsonPath.from(json).getString("id");
        int status = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(json)
                .post("/api/v1/devices").then().extract().statusCode();
        if (status == 409) {
            given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(json)
                    .put("/api/v1/devices/" + id).then().statusCode(200);
        } else if (status != 201) {
            throw new AssertionError("registering " + id + " answered " + status);
        }
    }

    /** A pushed (http/mqtt/serial) device with channels given as "name" or "name:validLow:validHigh". */
    public static String pushed(String id, String protocol, String... channels) {
        StringBuilder json = new StringBuilder("{\"id\":\"" + id + "\",\"name\":\"" + id + "\",\"site\":\"test-site\",\"protocol\":\""
                + protocol + "\",\"channels\":[");
        for (int i = 0; i < channels.length; i++) {
            String[] p = channels[i].split(":");
            json.append(i == 0 ? "" : ",").append("{\"name\":\"").append(p[0]).append("\",\"unit\":\"u\"");
            if (p.length == 3) {
                json.append(",\"validLow\":").append(p[1]).append(",\"validHigh\":").append(p[2]);
            }
            json.append('}');
        }
        return json.append("]}").toString();
    }

    public static Reading reading(ConsumerRecord<String, byte[]> r) {
        return EventJson.fromBytes(r.value(), Reading.class);
    }

    public static DeadLetter deadLetter(ConsumerRecord<String, byte[]> r) {
        return EventJson.fromBytes(r.value(), DeadLetter.class);
    }
}
