package io.plantwatch.local.stack;

import io.plantwatch.local.process.FreePorts;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the local stack lives and on which ports. Defaults are the ports of ARCHITECTURE.md; every one is
 * overridable by environment variable. {@code KAFKA_BOOTSTRAP_SERVERS} / {@code MONGO_URI} point the services
 * at an external Kafka / MongoDB and skip the embedded one.
 *
 * @param root           repository root (holds the service modules' target/ folders)
 * @param dataDir        generated keys, admin password, embedded data, logs, PID files
 * @param servicePorts   HTTP port per service
 * @param kafkaPort      embedded Kafka listener
 * @param kafkaControllerPort embedded Kafka controller listener
 * @param mongoPort      embedded MongoDB wire server
 * @param mqttPort       embedded Mosquitto
 * @param smtpPort       embedded SMTP (GreenMail)
 * @param mailWebPort    local mail viewer
 * @param modbusSimPort  Modbus TCP pump simulator
 * @param externalKafka  bootstrap servers of an external cluster, when set
 * @param externalMongo  URI of an external MongoDB, when set
 * @param simulators     start the simulated devices
 * @param serviceJvmOptions JVM options of each service process
 * @param extraEnvironment extra variables given to every service (tests use it to tune timings)
 */
public record StackConfig(
        Path root,
        Path dataDir,
        Map<Service, Integer> servicePorts,
        int kafkaPort,
        int kafkaControllerPort,
        int mongoPort,
        int mqttPort,
        int smtpPort,
        int mailWebPort,
        int modbusSimPort,
        Optional<String> externalKafka,
        Optional<String> externalMongo,
        boolean simulators,
        List<String> serviceJvmOptions,
        Map<String, String> extraEnvironment) {

    static final List<String> DEFAULT_SERVICE_JVM_OPTIONS = List.of("-Xms48m", "-Xmx192m", "-XX:+UseSerialGC",
            "-XX:MaxMetaspaceSize=160m", "-XX:ReservedCodeCacheSize=64m", "-Xss512k", "-XX:+ExitOnOutOfMemoryError");

    /** The stack of ./plantwatch up: fixed ports (env-overridable), data in {@code root/.plantwatch}. */
    public static StackConfig fromEnvironment(Path root) {
        Map<String, String> env = System.getenv();
        Map<Service, Integer> ports = new EnumMap<>(Service.class);
        for (Service s : Service.values()) {
            ports.put(s, intEnv(env, s.portVariable(), s.defaultPort()));
        }
        String jvm = env.get("PLANTWATCH_JAVA_OPTS");
        return new StackConfig(root.toAbsolutePath(),
                Path.of(env.getOrDefault("PLANTWATCH_DATA", root.resolve(".plantwatch").toString())).toAbsolutePath(),
                ports, intEnv(env, "KAFKA_PORT", 9092), intEnv(env, "KAFKA_CONTROLLER_PORT", 9093),
                intEnv(env, "MONGO_PORT", 27017), intEnv(env, "MQTT_PORT", 1883), intEnv(env, "SMTP_PORT", 2525),
                intEnv(env, "MAIL_WEB_PORT", 8025), intEnv(env, "MODBUS_SIM_PORT", 5020),
                Optional.ofNullable(env.get("KAFKA_BOOTSTRAP_SERVERS")).filter(s -> !s.isBlank()),
                Optional.ofNullable(env.get("MONGO_URI")).filter(s -> !s.isBlank()),
                !"false".equalsIgnoreCase(env.getOrDefault("PLANTWATCH_SIMULATORS", "true")),
                jvm == null || jvm.isBlank() ? DEFAULT_SERVICE_JVM_OPTIONS : List.of(jvm.trim().split("\\s+")),
                Map.of());
    }

    /** A stack for tests: every port free, data in {@code dataDir}, embedded infrastructure. */
    public static StackConfig forTest(Path root, Path dataDir, boolean simulators, Map<String, String> extraEnvironment) {
        Map<Service, Integer> ports = new EnumMap<>(Service.class);
        for (Service s : Service.values()) {
            ports.put(s, FreePorts.next());
        }
        return new StackConfig(root.toAbsolutePath(), dataDir.toAbsolutePath(), ports, FreePorts.next(),
                FreePorts.next(), FreePorts.next(), FreePorts.next(), FreePorts.next(), FreePorts.next(),
                FreePorts.next(), Optional.empty(), Optional.empty(), simulators, DEFAULT_SERVICE_JVM_OPTIONS,
                Map.copyOf(extraEnvironment));
    }

    public int port(Service service) {
        return servicePorts.get(service);
    }

    public String url(Service service) {
        return "http://127.0.0.1:" + port(service);
    }

    public String kafkaBootstrapServers() {
        return externalKafka.orElse("127.0.0.1:" + kafkaPort);
    }

    public String mongoUri() {
        return externalMongo.orElse("mongodb://127.0.0.1:" + mongoPort);
    }

    public Path logDir() {
        return dataDir.resolve("logs");
    }

    public Path runDir() {
        return dataDir.resolve("run");
    }

    private static int intEnv(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a port number, got '" + value + "'");
        }
    }
}
