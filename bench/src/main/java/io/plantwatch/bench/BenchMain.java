package io.plantwatch.bench;

import io.plantwatch.bench.report.BenchResult;
import io.plantwatch.bench.report.ResultTable;
import io.plantwatch.bench.soak.Soak;
import io.plantwatch.contracts.json.EventJson;
import io.plantwatch.local.stack.DataDirectory;
import io.plantwatch.local.stack.LocalStack;
import io.plantwatch.local.stack.Service;
import io.plantwatch.local.stack.StackConfig;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code ./plantwatch bench [--quick]}: starts a private stack on free ports (a running ./plantwatch up is not
 * touched), measures, prints the table and writes {@code bench/results/bench-<time>.json}.
 * {@code ./plantwatch bench --soak [--minutes 10] [--rate R]}: the soak ({@link Soak}) instead, written to
 * {@code bench/results/soak-<time>.json}; exit code 1 when RSS grows or the lag is not bounded.
 */
public final class BenchMain {

    private BenchMain() {
    }

    /**
     * The load generator is one user pushing for 50+ devices: the gateway's per-user rate limit (50 requests/s) would
     * measure the limiter, not the pipeline. Devices pushing with their own tokens have their own buckets.
     */
    static final Map<String, String> BENCH_ENV = Map.of("RATE_LIMIT_USER_RATE", "100000", "RATE_LIMIT_USER_BURST", "100000");

    public static void main(String[] args) throws Exception {
        List<String> flags = Arrays.asList(args);
        Path root = Path.of(System.getProperty("plantwatch.root", ".")).toAbsolutePath().normalize();
        Path out = root.resolve("bench/results");
        if (flags.contains("--soak")) {
            System.exit(soak(root, out, intFlag(flags, "--minutes").orElse(10), intFlag(flags, "--rate")) ? 0 : 1);
        }
        BenchOptions options = flags.contains("--quick") ? BenchOptions.tiny(out) : BenchOptions.full(out);
        if (flags.contains("--no-jmh")) {
            options = new BenchOptions(options.rawRecords(), options.devices(), options.batchSize(), options.workers(),
                    options.warmupSamplesPerDevice(), options.offeredLoads(), options.phaseDuration(),
                    options.maxLoadDuration(), options.faultEvery(), options.drainTimeout(), false, false, out,
                    options.mqttMessages());
        }
        DataDirectory.clear(root.resolve("bench/target/stack"));
        LocalStack stack = new LocalStack(StackConfig.forTest(root, root.resolve("bench/target/stack"), false, BENCH_ENV));
        long start = System.nanoTime();
        try {
            System.out.println("Starting a private PlantWatch stack for the bench...");
            stack.up();
            double upSeconds = (System.nanoTime() - start) / 1e9;
            BenchResult result = new Bench(stack, options, login(stack)).run(upSeconds);
            Path file = write(result, out);
            System.out.println(ResultTable.render(result));
            System.out.println("Result: " + file);
        } finally {
            stack.down();
        }
    }

    private static boolean soak(Path root, Path out, int minutes, Optional<Integer> rate) throws Exception {
        DataDirectory.clear(root.resolve("bench/target/soak-stack"));
        LocalStack stack = new LocalStack(StackConfig.forTest(root, root.resolve("bench/target/soak-stack"), false, BENCH_ENV));
        try {
            System.out.println("Starting a private PlantWatch stack for the soak...");
            stack.up();
            Soak.SoakResult result = new Soak(stack, login(stack), Duration.ofMinutes(minutes)).run(rate, out);
            Files.createDirectories(out);
            Path file = out.resolve("soak-" + result.startedAt().toString().replace(":", "-") + ".json");
            Files.writeString(file, EventJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(result));
            System.out.println(Soak.render(result));
            System.out.println("Result: " + file);
            return result.passed();
        } finally {
            stack.down();
        }
    }

    private static Optional<Integer> intFlag(List<String> flags, String name) {
        int i = flags.indexOf(name);
        if (i < 0) {
            return Optional.empty();
        }
        if (i + 1 >= flags.size()) {
            throw new IllegalArgumentException(name + " needs a number");
        }
        int value = Integer.parseInt(flags.get(i + 1));
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1");
        }
        return Optional.of(value);
    }

    public static Path write(BenchResult result, Path dir) throws Exception {
        Files.createDirectories(dir);
        Path file = dir.resolve("bench-" + result.startedAt().toString().replace(":", "-") + ".json");
        Files.writeString(file, EventJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(result));
        return file;
    }

    static String login(LocalStack stack) throws Exception {
        String body = EventJson.toJson(Map.of("login", "admin", "password", stack.secrets().adminPassword()));
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(stack.config().url(Service.GATEWAY) + "/api/v1/auth/login"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("admin login failed: HTTP " + r.statusCode() + " " + r.body());
        }
        return EventJson.mapper().readTree(r.body()).get("accessToken").asText();
    }

}
