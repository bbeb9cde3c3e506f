package io.plantwatch.local.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/** A real Mosquitto broker for a {@code @QuarkusTest}, shared by the module's test classes. */
public class MqttTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        int port = SharedInfra.mqtt().port();
        return Map.of(
                "mp.messaging.connector.smallrye-mqtt.host", "127.0.0.1",
                "mp.messaging.connector.smallrye-mqtt.port", Integer.toString(port),
                "plantwatch.mqtt.host", "127.0.0.1",
                "plantwatch.mqtt.port", Integer.toString(port));
    }

    @Override
    public void stop() {
        // shared; stopped when the test JVM exits
    }

    public static int port() {
        return SharedInfra.mqtt().port();
    }
}
