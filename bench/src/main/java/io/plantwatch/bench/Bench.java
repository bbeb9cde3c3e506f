package io.plantwatch.bench;

import io.plantwatch.bench.load.AnomalyWatcher;
import io.plantwatch.bench.load.HttpLoad;
import io.plantwatch.bench.load.KafkaBaseline;
import io.plantwatch.bench.load.LagMonitor;
import io.plantwatch.bench.load.MqttLoad;
import io.plantwatch.bench.load.ResourceSampler;
import io.plantwatch.bench.micro.MicroBenchmarks;
import io.plantwatch.bench.report.BenchResult;
import io.plantwatch.local.stack.LocalStack;
import io.plantwatch.local.stack.Service;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One bench run on a running local stack: baseline, end-to-end phases, resources, microbenchmarks. */
public final class Bench {

    private final LocalStack stack;
    private final BenchOptions options;
    private final String adminToken;

    public Bench(LocalStack stack, BenchOptions options, String adminToken) {
        this.stack = stack;
        this.options = options;
        this.adminToken = adminToken;
    }

    public BenchResult run(double stackUpSeconds) throws Exception {
        Instant started = Instant.now();
        String kafka = stack.config().kafkaBootstrapServers();
        log("raw Kafka baseline: %d records", options.rawRecords());
        BenchResult.RawKafka raw = new KafkaBaseline(kafka).run(options.rawRecords(), options.devices(),
                Duration.ofSeconds(90));
        log("  %.0f records/s produce+consume (produce alone %.0f/s)", raw.recordsPerSecond(), raw.produceOnlyPerSecond());

        HttpLoad load = new HttpLoad(stack.config().url(Service.GATEWAY), adminToken, options.devices());
        new DeviceRegistration(stack.config().url(Service.GATEWAY), adminToken).register(options.devices());
        List<BenchResult.LoadPhase> phases = new ArrayList<>();
        List<BenchResult.Resource> resources;
        BenchResult.MqttPhase mqtt;
        try (LagMonitor lag = new LagMonitor(kafka); AnomalyWatcher watcher = new AnomalyWatcher(kafka)) {
            log("warm-up: %d normal samples per device (detectors learn)", options.warmupSamplesPerDevice());
            load.run(0, Duration.ofSeconds(120), (long) options.devices() * options.warmupSamplesPerDevice(),
                    options.workers(), options.batchSize(), 0, null);
            drain(lag);
            ResourceSampler sampler = new ResourceSampler(pids());
            sampler.start();
            for (int rate : options.offeredLoads()) {
                int batch = Math.max(10, Math.min(options.batchSize(), rate / (options.workers() * 20)));
                phases.add(phase(rate + "/s", rate, load, lag, watcher, batch, options.phaseDuration()));
            }
            phases.add(phase("max", 0, load, lag, watcher, options.batchSize(), options.maxLoadDuration()));
            mqtt = mqttPhase();
            resources = sampler.stop();
        }
        List<BenchResult.Micro> micro = options.runJmh() || options.jmhQuick()
                ? MicroBenchmarks.run(options.jmhQuick()) : List.of();
        BenchResult.LoadPhase max = phases.get(phases.size() - 1);
        double ratio = raw.recordsPerSecond() > 0 ? max.processedPerSecond() / raw.recordsPerSecond() : 0;
        return new BenchResult(started, machine(), raw, phases, ratio, resources, micro, stackUpSeconds, mqtt);
    }

    private BenchResult.LoadPhase phase(String name, int rate, HttpLoad load, LagMonitor lag, AnomalyWatcher watcher,
            int batch, Duration duration) throws InterruptedException {
        log("phase %s: %s for %d s, batches of %d", name, rate == 0 ? "as fast as accepted" : rate + " readings/s",
                duration.toSeconds(), batch);
        watcher.reset();
        long[] maxLag = {0};
        Map<String, Long> maxByGroup = new java.util.concurrent.ConcurrentHashMap<>();
        Thread lagSampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                Map<String, Long> now = lag.lag();
                now.forEach((group, l) -> maxByGroup.merge(group, l, Math::max));
                maxLag[0] = Math.max(maxLag[0], now.values().stream().mapToLong(Long::longValue).sum());
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        lagSampler.setDaemon(true);
        lagSampler.start();
        ResourceSampler cpu = new ResourceSampler(pids());
        cpu.start();
        long start = System.nanoTime();
        HttpLoad.Sent sent = load.run(rate, duration, Long.MAX_VALUE, options.workers(), batch, options.faultEvery(),
                watcher);
        long finalLag = drain(lag);
        Map<String, Double> cpuPercent = new LinkedHashMap<>();
        cpu.stop().forEach(r -> cpuPercent.put(r.process(), Math.round(r.meanCpuPercent() * 10) / 10.0));
        double processedSeconds = (System.nanoTime() - start) / 1e9;
        long waitUntil = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (watcher.detected() < watcher.expected() && System.nanoTime() < waitUntil) {
            Thread.sleep(100);
        }
        lagSampler.interrupt();
        List<Double> latencies = watcher.latenciesMs();
        BenchResult.LoadPhase phase = new BenchResult.LoadPhase(name, rate, sent.accepted(), sent.seconds(),
                sent.accepted() / sent.seconds(), sent.accepted() / processedSeconds, Math.max(maxLag[0], finalLag),
                finalLag, watcher.expected(), watcher.detected(), percentiles(latencies), sent.errors(),
                new java.util.TreeMap<>(maxByGroup), cpuPercent);
        log("  accepted %d (%.0f/s), processed %.0f/s, max lag %d %s, faults %d/%d detected, p99 %.1f ms, errors %d",
                phase.accepted(), phase.acceptedPerSecond(), phase.processedPerSecond(), phase.maxLag(),
                phase.maxLagByGroup(),
                phase.faultsDetected(), phase.faultsInjected(), phase.latencyMs().getOrDefault("p99", Double.NaN),
                phase.httpErrors());
        if (sent.firstError() != null) {
            log("  first error: %s", sent.firstError());
        }
        Map<String, Double> response = percentiles(sent.responseMs());
        log("  HTTP batch response (sent → 202) ms: p50 %.1f, p99 %.1f, max %.1f over %d requests",
                response.getOrDefault("p50", Double.NaN), response.getOrDefault("p99", Double.NaN),
                response.getOrDefault("max", Double.NaN), sent.responseMs().size());
        log("  CPU %% of one core while sending and draining: %s", cpuPercent);
        log("  detection so far: %s", detectionCounters());
        return phase;
    }

    /** Detection's own counters (evaluated, skipped by reason, anomalies published): why a fault was not reported. */
    private String detectionCounters() {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(stack.config().url(Service.DETECTION) + "/q/metrics")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            StringBuilder out = new StringBuilder();
            for (String line : r.body().split("\n")) {
                if (line.startsWith("detection_readings_") || line.startsWith("detection_anomalies_published")) {
                    out.append(out.isEmpty() ? "" : ", ").append(line.replace("_total", "").replace("detection_", ""));
                }
            }
            return out.toString();
        } catch (Exception e) {
            return "(metrics unavailable: " + e + ")";
        }
    }

    private BenchResult.MqttPhase mqttPhase() throws Exception {
        int devices = 4;
        new DeviceRegistration(stack.config().url(Service.GATEWAY), adminToken).registerMqtt(devices);
        log("phase mqtt: %d messages, QoS 1, %d devices", options.mqttMessages(), devices);
        MqttLoad.Result r = new MqttLoad(stack.config().kafkaBootstrapServers(), stack.config().mqttPort())
                .run(devices, options.mqttMessages(), 1000, Duration.ofSeconds(60), Duration.ofSeconds(60));
        log("  published %d, PUBACKed %d, on plant.readings %d in %.1f s = %.0f readings/s", r.published(), r.acked(),
                r.onKafka(), r.seconds(), r.readingsPerSecond());
        return new BenchResult.MqttPhase(r.published(), r.acked(), r.onKafka(), r.seconds(), r.readingsPerSecond());
    }

    /** Waits until detection and history have consumed everything; returns the lag left at the timeout. */
    private long drain(LagMonitor lag) throws InterruptedException {
        long deadline = System.nanoTime() + options.drainTimeout().toNanos();
        long current = lag.totalLag();
        while (current > 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            current = lag.totalLag();
        }
        return current;
    }

    static Map<String, Double> percentiles(List<Double> values) {
        Map<String, Double> p = new LinkedHashMap<>();
        if (values.isEmpty()) {
            return p;
        }
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        p.put("p50", at(sorted, 0.50));
        p.put("p95", at(sorted, 0.95));
        p.put("p99", at(sorted, 0.99));
        p.put("max", sorted.get(sorted.size() - 1));
        return p;
    }

    private static double at(List<Double> sorted, double q) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
    }

    private Map<String, Long> pids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        List<String> names = new ArrayList<>(LocalStack.INFRA);
        for (Service s : Service.values()) {
            names.add(s.module());
        }
        for (String name : names) {
            stack.process(name).ifPresent(p -> pids.put(name, p.pid()));
        }
        // the load generator shares the 2 cores: its share belongs in the budget
        pids.put("bench (load generator)", ProcessHandle.current().pid());
        return pids;
    }

    private static Map<String, Object> machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("java", System.getProperty("java.version"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        return m;
    }

    static void log(String format, Object... args) {
        System.out.printf(format + "%n", args);
        System.out.flush();
    }
}
