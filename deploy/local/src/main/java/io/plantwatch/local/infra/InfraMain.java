package io.plantwatch.local.infra;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs one piece of local infrastructure as its own process, so that it can be stopped, killed and restarted
 * on its own (fault tests). Prints {@value #READY} once it serves.
 *
 * <pre>
 * InfraMain kafka --port 9092 --controller-port 9093 --data DIR [--partitions 6]
 * InfraMain mongo --port 27017 [--file DIR/plantwatch.mv]      (memory when no file)
 * InfraMain mail  --port 2525 [--web-port 8025]
 * </pre>
 */
public final class InfraMain {

    public static final String READY = "PLANTWATCH-READY";

    private InfraMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: InfraMain kafka|mongo|mail [--option value]...");
            System.exit(2);
        }
        Map<String, String> options = options(args);
        AutoCloseable running = switch (args[0]) {
            case "kafka" -> KafkaBroker.start(intOption(options, "port", 9092), intOption(options, "controller-port", 9093),
                    Path.of(options.getOrDefault("data", ".plantwatch/kafka")), intOption(options, "partitions", 6));
            case "mongo" -> options.containsKey("file")
                    ? MongoWireServer.onFile(Path.of(options.get("file")), intOption(options, "port", 27017))
                    : MongoWireServer.inMemory(intOption(options, "port", 27017));
            case "mail" -> startMail(options);
            default -> throw new IllegalArgumentException("unknown component " + args[0]);
        };
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                running.close();
            } catch (Exception e) {
                System.err.println("stopping " + args[0] + ": " + e);
            }
            stopped.countDown();
        }));
        System.out.println(READY + " " + args[0] + " " + options);
        System.out.flush();
        stopped.await();
    }

    private static AutoCloseable startMail(Map<String, String> options) throws Exception {
        MailCatcher mail = MailCatcher.start(intOption(options, "port", 2525));
        if (!options.containsKey("web-port")) {
            return mail;
        }
        MailViewer viewer = MailViewer.start(mail, intOption(options, "web-port", 8025));
        return () -> {
            viewer.close();
            mail.close();
        };
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }

    private static int intOption(Map<String, String> options, String name, int fallback) {
        String value = options.get(name);
        return value == null ? fallback : Integer.parseInt(value);
    }
}
