package io.plantwatch.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Registers the bench devices (HTTP push, voltage and current, valid ranges) in the device registry. */
public final class DeviceRegistration {

    private final HttpClient http = HttpClient.newHttpClient();
    private final String gateway;
    private final String token;

    public DeviceRegistration(String gateway, String token) {
        this.gateway = gateway;
        this.token = token;
    }

    /** The devices of the MQTT phase ({@link io.plantwatch.bench.load.MqttLoad#deviceId}). */
    public void registerMqtt(int devices) throws Exception {
        for (int d = 0; d < devices; d++) {
            String id = io.plantwatch.bench.load.MqttLoad.deviceId(d);
            post(id, """
                    {"id":"%s","name":"Bench MQTT meter %d","site":"bench","line":"line-1","protocol":"mqtt","enabled":true,
                     "channels":[{"name":"voltage","unit":"V","validLow":0,"validHigh":500},
                                 {"name":"current","unit":"A","validLow":0,"validHigh":100}]}
                    """.formatted(id, d));
        }
    }

    public void register(int devices) throws Exception {
        for (int d = 0; d < devices; d++) {
            String id = io.plantwatch.bench.load.HttpLoad.deviceId(d);
            String body = """
                    {"id":"%s","name":"Bench meter %d","site":"bench","line":"line-1","protocol":"http","enabled":true,
                     "channels":[{"name":"voltage","unit":"V","validLow":0,"validHigh":500,"alarmLow":200,"alarmHigh":260,"expectedPeriodSeconds":1},
                                 {"name":"current","unit":"A","validLow":0,"validHigh":100,"expectedPeriodSeconds":1}]}
                    """.formatted(id, d);
            if (!post(id, body)) {
                return;
            }
        }
    }

    /** False when this build has no device registry. */
    private boolean post(String id, String body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/devices"))
                .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 404 || r.statusCode() == 405) {
            Bench.log("  (no device registry in this build: devices are not registered)");
            return false;
        }
        if (r.statusCode() >= 300 && r.statusCode() != 409) {
            throw new IllegalStateException("registering " + id + ": HTTP " + r.statusCode() + " " + r.body());
        }
        return true;
    }
}
