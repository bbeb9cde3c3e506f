package io.plantwatch.bench.soak;

import com.fasterxml.jackson.databind.JsonNode;
import io.plantwatch.bench.DeviceRegistration;
import io.plantwatch.bench.load.HttpLoad;
import io.plantwatch.bench.load.LagMonitor;
import io.plantwatch.bench.load.ResourceSampler;
import io.plantwatch.contracts.json.EventJson;
import io.plantwatch.local.stack.LocalStack;
import io.plantwatch.local.stack.Service;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * {@code ./plantwatch bench --soak}: a steady load at half the measured capacity for a long time (10 min by default),
 * sampling every process's RSS and the consumer lag of detection and history every few seconds. Passes when RSS is
 * flat (the last quarter's mean is within {@link #RSS_TOLERANCE} or {@link #RSS_SLACK_MB} of the second quarter's:
 * the first quarter is JIT and heap warm-up) and the lag is bounded: no consumer group ever more than
 * {@link #LAG_BOUND_SECONDS} seconds of traffic behind in the second half, and all drained to 0 at the end. The lag is
 * per group (detection and history each read every reading; their sum would count a record twice), from committed
 * offsets, so it includes up to one commit interval (1 s) of records already processed.
 */
public final class Soak {

    static final double RSS_TOLERANCE = 0.15;
    static final double RSS_SLACK_MB = 48;
    static final int LAG_BOUND_SECONDS = 5;
    private static final Duration SAMPLE_EVERY = Duration.ofSeconds(5);
    private static final Duration CAPACITY_PROBE = Duration.ofSeconds(30);
    private static final Duration DRAIN = Duration.ofSeconds(120);

    /** One sample: minutes since the soak started, the largest lag of a group, lag per group, RSS per process (MB). */
    public record Sample(double minute, long lag, Map<String, Long> lagByGroup, Map<String, Double> rssMb) {
    }

    /** RSS of one process: second-quarter mean, last-quarter mean, growth, flat or not. */
    public record RssTrend(String process, double earlyMb, double lateMb, double growthMb, boolean flat) {
    }

    /**
     * @param ratePerSecond offered load (half the capacity)
     * @param capacityPerSecond the capacity it is half of, and where that number came from
     */
    public record SoakResult(Instant startedAt, double minutes, int ratePerSecond, double capacityPerSecond,
            String capacitySource, long accepted, long httpErrors, long maxLag, long maxLagSecondHalf, long lagBound,
            long finalLag, boolean lagBounded, List<RssTrend> rss, boolean rssFlat, List<Sample> samples) {

        public boolean passed() {
            return lagBounded && rssFlat;
        }
    }

    private final LocalStack stack;
    private final String token;
    private final Duration duration;
    private final int devices;
    private final int workers;
    private final int batchSize;

    public Soak(LocalStack stack, String token, Duration duration) {
        this.stack = stack;
        this.token = token;
        this.duration = duration;
        this.devices = 50;
        this.workers = 4;
        this.batchSize = 100;
    }

    /**
     * @param givenRate   readings/s to offer (--rate), or empty for half the capacity
     * @param resultsDir  where earlier bench results are (their "max" phase is the capacity)
     */
    public SoakResult run(Optional<Integer> givenRate, Path resultsDir) throws Exception {
        String gateway = stack.config().url(Service.GATEWAY);
        String kafka = stack.config().kafkaBootstrapServers();
        new DeviceRegistration(gateway, token).register(devices);
        HttpLoad load = new HttpLoad(gateway, token, devices);
        try (LagMonitor lag = new LagMonitor(kafka)) {
            log("warm-up: 450 normal samples per device (detectors learn)");
            load.run(0, Duration.ofSeconds(120), devices * 450L, workers, batchSize, 0, null);
            drain(lag);

            double capacity;
            String source;
            Optional<Double> measured = lastMeasuredCapacity(resultsDir);
            if (givenRate.isPresent()) {
                capacity = givenRate.get() * 2.0;
                source = "--rate " + givenRate.get();
            } else if (measured.isPresent()) {
                capacity = measured.get();
                source = "max phase of the newest bench result in " + resultsDir;
            } else {
                log("no bench result in %s: measuring the capacity for %d s", resultsDir, CAPACITY_PROBE.toSeconds());
                long start = System.nanoTime();
                HttpLoad.Sent sent = load.run(0, CAPACITY_PROBE, Long.MAX_VALUE, workers, batchSize, 0, null);
                drain(lag);
                capacity = sent.accepted() / ((System.nanoTime() - start) / 1e9);
                source = "measured now (" + CAPACITY_PROBE.toSeconds() + " s at full load, until drained)";
            }
            int rate = Math.max(1, (int) Math.round(capacity / 2));
            long lagBound = Math.max(1000, (long) rate * LAG_BOUND_SECONDS);
            log("soak: %d readings/s (half of %.0f/s, %s) for %d min", rate, capacity, source, duration.toMinutes());

            Map<String, Long> pids = pids();
            List<Sample> samples = new ArrayList<>();
            Instant started = Instant.now();
            long t0 = System.nanoTime();
            CompletableFuture<HttpLoad.Sent> sending = CompletableFuture.supplyAsync(() -> {
                try {
                    return load.run(rate, duration, Long.MAX_VALUE, workers, Math.max(10, Math.min(batchSize, rate / (workers * 20))), 0, null);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            });
            long maxSamples = duration.dividedBy(SAMPLE_EVERY) + 100;
            while (!sending.isDone() && samples.size() < maxSamples) {
                Thread.sleep(SAMPLE_EVERY.toMillis());
                Map<String, Double> rss = new LinkedHashMap<>();
                pids.forEach((name, pid) -> rss.put(name, ResourceSampler.rssKb(pid) / 1024.0));
                Map<String, Long> byGroup = lag.lag();
                long worst = byGroup.values().stream().mapToLong(Long::longValue).max().orElse(0);
                Sample s = new Sample((System.nanoTime() - t0) / 60e9, worst, byGroup, rss);
                samples.add(s);
                if (samples.size() % 12 == 0) {
                    log("  %.1f min: lag %s (worst in the last minute %d), RSS %s", s.minute(), byGroup,
                            samples.subList(samples.size() - 12, samples.size()).stream().mapToLong(Sample::lag).max()
                                    .orElse(0), rounded(rss));
                }
            }
            HttpLoad.Sent sent = sending.get();
            long finalLag = drain(lag);
            double minutes = (System.nanoTime() - t0) / 60e9;
            long maxLag = samples.stream().mapToLong(Sample::lag).max().orElse(0);
            long maxLagSecondHalf = samples.stream().filter(s -> s.minute() >= minutes / 2).mapToLong(Sample::lag).max()
                    .orElse(0);
            List<RssTrend> trends = new ArrayList<>();
            for (String name : pids.keySet()) {
                double early = mean(samples, name, minutes / 4, minutes / 2);
                double late = mean(samples, name, minutes * 3 / 4, minutes + 1);
                double growth = late - early;
                trends.add(new RssTrend(name, early, late, growth, growth <= Math.max(RSS_SLACK_MB, early * RSS_TOLERANCE)));
            }
            boolean lagBounded = maxLagSecondHalf <= lagBound && finalLag == 0;
            boolean rssFlat = trends.stream().allMatch(RssTrend::flat);
            return new SoakResult(started, minutes, rate, capacity, source, sent.accepted(), sent.errors(), maxLag,
                    maxLagSecondHalf, lagBound, finalLag, lagBounded, trends, rssFlat, samples);
        }
    }

    /** The table printed at the end. */
    public static String render(SoakResult r) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%nSoak: %.1f min at %d readings/s (half of %.0f/s: %s)%n", r.minutes(),
                r.ratePerSecond(), r.capacityPerSecond(), r.capacitySource()));
        out.append(String.format("  accepted %d readings, %d HTTP errors%n", r.accepted(), r.httpErrors()));
        out.append(String.format("  lag (worst group): max %d, max in 2nd half %d (bound %d = %d s of traffic), after drain %d -> %s%n",
                r.maxLag(), r.maxLagSecondHalf(), r.lagBound(), LAG_BOUND_SECONDS, r.finalLag(),
                r.lagBounded() ? "BOUNDED" : "NOT BOUNDED"));
        out.append(String.format("  %-22s %10s %10s %10s  %s%n", "process", "RSS Q2 MB", "RSS Q4 MB", "growth", "flat"));
        for (RssTrend t : r.rss()) {
            out.append(String.format("  %-22s %10.0f %10.0f %+10.0f  %s%n", t.process(), t.earlyMb(), t.lateMb(),
                    t.growthMb(), t.flat() ? "yes" : "NO"));
        }
        out.append(String.format("  RSS %s (tolerance: +%.0f %% or +%.0f MB)%n", r.rssFlat() ? "FLAT" : "GROWING",
                RSS_TOLERANCE * 100, RSS_SLACK_MB));
        out.append(r.passed() ? "  PASSED\n" : "  FAILED\n");
        return out.toString();
    }

    static Optional<Double> lastMeasuredCapacity(Path resultsDir) {
        if (!Files.isDirectory(resultsDir)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(resultsDir)) {
            Optional<Path> newest = files.filter(p -> p.getFileName().toString().matches("bench-.*\\.json"))
                    .max(Comparator.comparing(p -> p.getFileName().toString()));
            if (newest.isEmpty()) {
                return Optional.empty();
            }
            for (JsonNode phase : EventJson.mapper().readTree(newest.get().toFile()).path("loads")) {
                if ("max".equals(phase.path("name").asText()) && phase.path("processedPerSecond").asDouble() > 0) {
                    return Optional.of(phase.path("processedPerSecond").asDouble());
                }
            }
            return Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private static double mean(List<Sample> samples, String process, double fromMinute, double toMinute) {
        return samples.stream().filter(s -> s.minute() >= fromMinute && s.minute() < toMinute)
                .mapToDouble(s -> s.rssMb().getOrDefault(process, 0.0)).average().orElse(0);
    }

    private static Map<String, Long> rounded(Map<String, Double> rss) {
        Map<String, Long> r = new LinkedHashMap<>();
        rss.forEach((k, v) -> r.put(k, Math.round(v)));
        return r;
    }

    private long drain(LagMonitor lag) throws InterruptedException {
        long deadline = System.nanoTime() + DRAIN.toNanos();
        long current = lag.totalLag();
        while (current > 0 && System.nanoTime() < deadline) {
            Thread.sleep(500);
            current = lag.totalLag();
        }
        return current;
    }

    private Map<String, Long> pids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        List<String> names = new ArrayList<>(LocalStack.INFRA);
        for (Service s : Service.values()) {
            names.addAll(stack.instanceNames(s));
        }
        for (String name : names) {
            stack.process(name).ifPresent(p -> pids.put(name, p.pid()));
        }
        return pids;
    }

    private static void log(String format, Object... args) {
        System.out.printf(format + "%n", args);
        System.out.flush();
    }
}
