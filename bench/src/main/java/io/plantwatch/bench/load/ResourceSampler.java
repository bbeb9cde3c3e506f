package io.plantwatch.bench.load;

import io.plantwatch.bench.report.BenchResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Peak RSS and CPU time of processes, read from /proc (Linux), between {@link #start()} and {@link #stop()}. */
public final class ResourceSampler implements AutoCloseable {

    /** Clock ticks per second of /proc/PID/stat times (USER_HZ, 100 on Linux). */
    private static final double TICKS = 100.0;

    private final Map<String, Long> pids;
    private final Map<String, Long> maxRssKb = new LinkedHashMap<>();
    private final Map<String, Long> cpuStart = new LinkedHashMap<>();
    private final Map<String, Long> cpuEnd = new LinkedHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;
    private long startNanos;
    private long stopNanos;

    public ResourceSampler(Map<String, Long> pids) {
        this.pids = pids;
        this.thread = new Thread(this::loop, "bench-resources");
        this.thread.setDaemon(true);
    }

    public void start() {
        startNanos = System.nanoTime();
        pids.forEach((name, pid) -> cpuStart.put(name, cpuTicks(pid)));
        thread.start();
    }

    private void loop() {
        while (running) {
            pids.forEach((name, pid) -> maxRssKb.merge(name, rssKb(pid), Math::max));
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    public List<BenchResult.Resource> stop() throws InterruptedException {
        running = false;
        thread.join(2000);
        stopNanos = System.nanoTime();
        pids.forEach((name, pid) -> cpuEnd.put(name, cpuTicks(pid)));
        double seconds = (stopNanos - startNanos) / 1e9;
        List<BenchResult.Resource> result = new ArrayList<>();
        pids.forEach((name, pid) -> result.add(new BenchResult.Resource(name, pid,
                maxRssKb.getOrDefault(name, 0L) / 1024.0,
                100.0 * (cpuEnd.get(name) - cpuStart.get(name)) / TICKS / seconds)));
        return result;
    }

    /** Resident set size of a process in KiB (0 when it is gone). */
    public static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    static long cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    @Override
    public void close() {
        running = false;
    }
}
