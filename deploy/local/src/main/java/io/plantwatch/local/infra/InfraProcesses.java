package io.plantwatch.local.infra;

import io.plantwatch.local.process.JavaCommand;
import io.plantwatch.local.process.ManagedProcess;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Starts {@link InfraMain} components as processes and waits until they serve. */
public final class InfraProcesses {

    private static final List<String> QUIET = List.of("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
            "-Dorg.slf4j.simpleLogger.showDateTime=true");

    private InfraProcesses() {
    }

    public static ManagedProcess kafka(int port, int controllerPort, Path dataDir, Path logFile, Path pidFile) {
        List<String> jvm = new ArrayList<>(List.of("-Xms128m", "-Xmx512m", "-XX:+UseG1GC"));
        jvm.addAll(QUIET);
        return start("kafka", jvm, List.of("kafka", "--port", Integer.toString(port), "--controller-port",
                Integer.toString(controllerPort), "--data", dataDir.toAbsolutePath().toString()), dataDir, logFile,
                pidFile, Duration.ofSeconds(90));
    }

    /** A MongoDB wire server; {@code file} null means in memory. */
    public static ManagedProcess mongo(int port, Path file, Path workDir, Path logFile, Path pidFile) {
        List<String> jvm = new ArrayList<>(List.of("-Xms64m", "-Xmx768m", "-XX:+UseSerialGC"));
        jvm.addAll(QUIET);
        List<String> args = new ArrayList<>(List.of("mongo", "--port", Integer.toString(port)));
        if (file != null) {
            args.add("--file");
            args.add(file.toAbsolutePath().toString());
        }
        return start("mongo", jvm, args, workDir, logFile, pidFile, Duration.ofSeconds(60));
    }

    public static ManagedProcess mail(int smtpPort, int webPort, Path workDir, Path logFile, Path pidFile) {
        List<String> jvm = new ArrayList<>(List.of("-Xms32m", "-Xmx128m", "-XX:+UseSerialGC"));
        jvm.addAll(QUIET);
        return start("mail", jvm, List.of("mail", "--port", Integer.toString(smtpPort), "--web-port",
                Integer.toString(webPort)), workDir, logFile, pidFile, Duration.ofSeconds(60));
    }

    private static ManagedProcess start(String name, List<String> jvm, List<String> args, Path workDir, Path logFile,
            Path pidFile, Duration timeout) {
        try {
            java.nio.file.Files.createDirectories(workDir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot create " + workDir, e);
        }
        ManagedProcess process = ManagedProcess.start(name, JavaCommand.infra(jvm, InfraMain.class.getName(), args),
                Map.of(), workDir, logFile, pidFile);
        try {
            process.awaitLogLine(InfraMain.READY, timeout);
        } catch (RuntimeException e) {
            process.stop(Duration.ofSeconds(5));
            throw e;
        }
        return process;
    }
}
