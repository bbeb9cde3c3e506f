package io.plantwatch.local.infra;

import io.plantwatch.local.process.ManagedProcess;
import io.plantwatch.local.process.Readiness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Debian's Mosquitto MQTT broker as a child process on loopback. */
public final class Mosquitto {

    private static final List<String> CANDIDATES = List.of("/usr/sbin/mosquitto", "/usr/bin/mosquitto",
            "/usr/local/sbin/mosquitto", "/usr/local/bin/mosquitto");

    private Mosquitto() {
    }

    /** The mosquitto binary, or an exception telling what to install. */
    public static String binary() {
        String override = System.getenv("MOSQUITTO_BIN");
        if (override != null && Files.isExecutable(Path.of(override))) {
            return override;
        }
        return CANDIDATES.stream().filter(p -> Files.isExecutable(Path.of(p))).findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "mosquitto is not installed: run 'sudo apt-get install -y mosquitto' (or ./plantwatch test as root,"
                                + " which installs it), or set MOSQUITTO_BIN"));
    }

    /** Starts mosquitto on {@code port}; waits until it accepts connections. */
    public static ManagedProcess start(int port, Path workDir, Path logFile, Path pidFile) {
        Path config = workDir.resolve("mosquitto.conf");
        try {
            Files.createDirectories(workDir);
            Files.writeString(config, String.join("\n",
                    "listener " + port + " 127.0.0.1",
                    "allow_anonymous true",
                    "persistence false",
                    "max_queued_messages 100000",
                    "max_inflight_messages 1000",
                    "log_dest stdout",
                    "log_type error",
                    "log_type warning",
                    "log_type notice",
                    ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ManagedProcess process = ManagedProcess.start("mosquitto", List.of(binary(), "-c", config.toString()),
                Map.of(), workDir, logFile, pidFile);
        try {
            Readiness.await("mosquitto on port " + port, Duration.ofSeconds(20), process,
                    () -> Readiness.portOpen("127.0.0.1", port));
        } catch (RuntimeException e) {
            process.stop(Duration.ofSeconds(5));
            throw e;
        }
        return process;
    }
}
