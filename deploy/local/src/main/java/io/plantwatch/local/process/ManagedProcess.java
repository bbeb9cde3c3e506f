package io.plantwatch.local.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A child process whose output goes to a log file and whose PID is recorded in a file, so that a later
 * command (./plantwatch down) can stop it without holding a handle to it.
 */
public final class ManagedProcess {

    private final String name;
    private final ProcessHandle handle;
    private final Path logFile;
    private final Path pidFile;
    /** Log size when this process started: earlier runs' lines do not count as its output. */
    private final long logStart;

    private ManagedProcess(String name, ProcessHandle handle, Path logFile, Path pidFile, long logStart) {
        this.name = name;
        this.handle = handle;
        this.logFile = logFile;
        this.pidFile = pidFile;
        this.logStart = logStart;
    }

    /** Starts {@code command} with {@code env} added to this process's environment. */
    public static ManagedProcess start(String name, List<String> command, Map<String, String> env, Path workDir,
            Path logFile, Path pidFile) {
        try {
            Files.createDirectories(logFile.getParent());
            if (pidFile != null) {
                Files.createDirectories(pidFile.getParent());
            }
            long logStart = Files.exists(logFile) ? Files.size(logFile) : 0;
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().putAll(env);
            Process process = builder.start();
            if (pidFile != null) {
                Files.writeString(pidFile, Long.toString(process.pid()), StandardCharsets.UTF_8);
            }
            return new ManagedProcess(name, process.toHandle(), logFile, pidFile, logStart);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + " (" + String.join(" ", command) + ")", e);
        }
    }

    /** A process started earlier (by another command), found through its PID file. */
    public static Optional<ManagedProcess> fromPidFile(String name, Path pidFile, Path logFile) {
        try {
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            return ProcessHandle.of(pid).map(h -> new ManagedProcess(name, h, logFile, pidFile, 0));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return handle.pid();
    }

    public boolean alive() {
        return handle.isAlive();
    }

    public Path logFile() {
        return logFile;
    }

    /** Asks the process (and its children) to stop, and kills what is still alive after {@code grace}. */
    public void stop(Duration grace) {
        List<ProcessHandle> all = new ArrayList<>(handle.descendants().toList());
        all.add(handle);
        all.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle h : all) {
            long left = Math.max(0, deadline - System.nanoTime());
            try {
                h.onExit().get(left, TimeUnit.NANOSECONDS);
            } catch (Exception timeoutOrInterrupt) {
                h.destroyForcibly();
            }
        }
        for (ProcessHandle h : all) {
            try {
                h.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // reported by alive() to the caller
            }
        }
        deletePidFile();
    }

    /** kill -9: for fault-injection tests. */
    public void kill() {
        handle.descendants().forEach(ProcessHandle::destroyForcibly);
        handle.destroyForcibly();
        try {
            handle.onExit().get(10, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // still reported by alive()
        }
        deletePidFile();
    }

    private void deletePidFile() {
        if (pidFile != null) {
            try {
                Files.deleteIfExists(pidFile);
            } catch (IOException ignored) {
                // a stale PID file is re-checked against the live process table
            }
        }
    }

    /** The last lines of the log, for error messages. */
    public String logTail(int lines) {
        try {
            if (!Files.exists(logFile)) {
                return "(no log yet)";
            }
            List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /** Waits until a line containing {@code marker} is in the log; fails early when the process dies. */
    public void awaitLogLine(String marker, Duration timeout) {
        Readiness.await(name, timeout, this, () -> {
            try {
                if (!Files.exists(logFile)) {
                    return false;
                }
                String log = Files.readString(logFile, StandardCharsets.ISO_8859_1);
                return log.length() > logStart && log.substring((int) logStart).contains(marker);
            } catch (IOException e) {
                return false;
            }
        });
    }

    @Override
    public String toString() {
        return name + "(pid " + pid() + ")";
    }
}
