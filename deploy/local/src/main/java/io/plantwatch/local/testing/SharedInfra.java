package io.plantwatch.local.testing;

import io.plantwatch.local.infra.InfraProcesses;
import io.plantwatch.local.infra.Mosquitto;
import io.plantwatch.local.process.FreePorts;
import io.plantwatch.local.process.ManagedProcess;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

/**
 * Infrastructure processes shared by all tests of one JVM (a Maven module's test run): started on first use,
 * on free ports, stopped when the JVM exits. Data go under {@code target/plantwatch-test/}.
 */
public final class SharedInfra {

    private static KafkaHandle kafka;
    private static MqttHandle mqtt;

    private SharedInfra() {
    }

    /** A Kafka broker process (real KRaft broker, 6 partitions per topic). */
    public static synchronized KafkaHandle kafka() {
        if (kafka == null || !kafka.process().alive()) {
            int port = FreePorts.next();
            int controllerPort = FreePorts.next();
            Path dir = workDir("kafka");
            ManagedProcess process = InfraProcesses.kafka(port, controllerPort, dir, dir.resolve("kafka.log"), null);
            kafka = new KafkaHandle(process, port, controllerPort, dir, "127.0.0.1:" + port);
            stopOnExit(process);
        }
        return kafka;
    }

    /** A Mosquitto broker process. Fails with an install hint when mosquitto is missing. */
    public static synchronized MqttHandle mqtt() {
        if (mqtt == null || !mqtt.process().alive()) {
            int port = FreePorts.next();
            Path dir = workDir("mosquitto");
            ManagedProcess process = Mosquitto.start(port, dir, dir.resolve("mosquitto.log"), null);
            mqtt = new MqttHandle(process, port);
            stopOnExit(process);
        }
        return mqtt;
    }

    static Path workDir(String name) {
        return Path.of("target", "plantwatch-test", name + "-" + UUID.randomUUID().toString().substring(0, 8))
                .toAbsolutePath();
    }

    private static void stopOnExit(ManagedProcess process) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> process.stop(Duration.ofSeconds(10))));
    }

    /** A running broker; {@code bootstrapServers} is 127.0.0.1:port. */
    public record KafkaHandle(ManagedProcess process, int port, int controllerPort, Path dataDir, String bootstrapServers) {
    }

    public record MqttHandle(ManagedProcess process, int port) {
    }
}
