package io.plantwatch.local.testing;

import io.plantwatch.local.infra.MongoWireServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * A MongoDB wire server (in memory, real wire protocol) for a {@code @QuarkusTest}; fresh for each test
 * application start.
 */
public class MongoTestResource implements QuarkusTestResourceLifecycleManager {

    private static volatile MongoWireServer current;

    @Override
    public Map<String, String> start() {
        current = MongoWireServer.inMemory(0);
        return Map.of("quarkus.mongodb.connection-string", current.connectionString());
    }

    @Override
    public void stop() {
        if (current != null) {
            current.close();
            current = null;
        }
    }

    /** The server of the running test application, e.g. to stop and restart it in a fault test. */
    public static MongoWireServer server() {
        return current;
    }
}
