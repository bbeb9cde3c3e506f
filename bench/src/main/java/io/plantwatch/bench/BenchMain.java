package io.plantwatch.bench;

import io.plantwatch.bench.report.BenchResult;
import io.plantwatch.bench.report.ResultTable;
import io.plantwatch.contracts.json.EventJson;
import io.plantwatch.local.stack.LocalStack;
import io.plantwatch.local.stack.Service;
import io.plantwatch.local.stack.StackConfig;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code ./plantwatch bench [--quick]}: starts a private stack on free ports (a running ./plantwatch up is not
 * touched), measures, prints the table and writes {@code bench/results/bench-<time>.json}.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        List<String> flags = Arrays.asList(args);
        Path root = Path.of(System.getProperty("plantwatch.root", ".")).toAbsolutePath().normalize();
        Path out = root.resolve("bench/results");
        BenchOptions options = flags.contains("--quick") ? BenchOptions.tiny(out) : BenchOptions.full(out);
        if (flags.contains("--no-jmh")) {
            options = new BenchOptions(options.rawRecords(), options.devices(), options.batchSize(), options.workers(),
                    options.warmupSamplesPerDevice(), options.offeredLoads(), options.phaseDuration(),
                    options.maxLoadDuration(), options.faultEvery(), options.drainTimeout(), false, false, out);
        }
        LocalStack stack = new LocalStack(StackConfig.forTest(root, root.resolve("bench/target/stack"), false, Map.of()));
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
