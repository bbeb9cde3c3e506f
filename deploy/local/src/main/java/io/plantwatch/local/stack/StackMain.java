package io.plantwatch.local.stack;

import java.nio.file.Path;
import java.util.Map;

/**
 * {@code ./plantwatch up|down|status}: the local stack from the command line. Exit code 1 with the failing
 * component's log tail when something does not come up.
 */
public final class StackMain {

    private StackMain() {
    }

    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: StackMain up|down|status [repository-root]");
            System.exit(2);
        }
        Path root = Path.of(args.length > 1 ? args[1] : ".").toAbsolutePath().normalize();
        StackConfig config = StackConfig.fromEnvironment(root);
        LocalStack stack = new LocalStack(config);
        try {
            switch (args[0]) {
                case "up" -> up(stack);
                case "down" -> {
                    stack.down();
                    System.out.println("PlantWatch stopped.");
                }
                case "status" -> stack.status().forEach((name, state) -> System.out.printf("  %-18s %s%n", name, state));
                default -> {
                    System.err.println("unknown command " + args[0]);
                    System.exit(2);
                }
            }
        } catch (RuntimeException e) {
            System.err.println("\nPlantWatch: " + e.getMessage());
            for (Throwable s : e.getSuppressed()) {
                System.err.println("\n" + s.getMessage());
            }
            System.exit(1);
        }
    }

    private static void up(LocalStack stack) {
        long start = System.nanoTime();
        System.out.println("Starting PlantWatch (infrastructure, then six services)...");
        stack.up();
        double seconds = (System.nanoTime() - start) / 1e9;
        StackConfig c = stack.config();
        System.out.printf("%nPlantWatch is up: every service ready in %.1f s.%n%n", seconds);
        System.out.printf("  Dashboard and API   %s   (API under /api/v1, docs at /api/docs)%n", c.url(Service.GATEWAY));
        for (Service s : Service.values()) {
            if (s != Service.GATEWAY) {
                System.out.printf("  %-19s %s   (health %s/q/health)%n", s.module(), c.url(s), c.url(s));
            }
        }
        System.out.printf("  Mail viewer         http://127.0.0.1:%d%n", c.mailWebPort());
        System.out.printf("  Kafka               %s%n", c.kafkaBootstrapServers());
        System.out.printf("  MongoDB             %s%n", c.mongoUri());
        System.out.printf("  MQTT                tcp://127.0.0.1:%d%n", c.mqttPort());
        System.out.printf("%n  Log in as '%s' with the password in %s%n", StackSecrets.ADMIN_USER,
                stack.secrets().adminPasswordFile());
        System.out.printf("  Logs: %s   (./plantwatch logs SERVICE)%n", c.logDir());
        System.out.println("  Stop: ./plantwatch down");
        Map<String, String> status = stack.status();
        long running = status.values().stream().filter(v -> v.startsWith("running")).count();
        System.out.printf("%n  %d of %d processes running.%n", running, status.size());
    }
}
