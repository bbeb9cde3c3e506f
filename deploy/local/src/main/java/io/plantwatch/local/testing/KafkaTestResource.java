package io.plantwatch.local.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * A real Kafka broker for a {@code @QuarkusTest}: {@code @WithTestResource(KafkaTestResource.class)}.
 * One broker process serves every test class of the module; topic names are the real ones.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        String servers = SharedInfra.kafka().bootstrapServers();
        return Map.of("kafka.bootstrap.servers", servers);
    }

    @Override
    public void stop() {
        // shared by the module's test classes; stopped when the test JVM exits
    }

    public static String bootstrapServers() {
        return SharedInfra.kafka().bootstrapServers();
    }
}
