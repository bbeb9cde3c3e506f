package io.plantwatch.bench.load;

import io.plantwatch.contracts.event.EventIds;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The load generator: workers POST batches of samples to {@code /api/v1/ingest} through the gateway, each batch for
 * one device, at a target rate or as fast as the stack accepts. Device time advances one second per sample and
 * device, starting in the past, so detectors see a realistic 1 Hz stream. One reading in {@code faultEvery} carries
 * a fault (voltage far out of its band), registered with the {@link AnomalyWatcher} when its batch is sent (latency
 * counts from there: an upper bound on "accepted", which ingest answers only after Kafka has the batch).
 */
public final class HttpLoad {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI ingest;
    private final String token;
    private final int devices;
    private final AtomicLongArray deviceSeq;
    private final Instant base;
    private final AtomicLong readingCounter = new AtomicLong();

    public HttpLoad(String gatewayUrl, String token, int devices) {
        this.ingest = URI.create(gatewayUrl + "/api/v1/ingest");
        this.token = token;
        this.devices = devices;
        this.deviceSeq = new AtomicLongArray(devices);
        this.base = Instant.now().minus(Duration.ofDays(3));
    }

    public static String deviceId(int d) {
        return "bench-d" + d;
    }

    /** What one phase of sending achieved. */
    public record Sent(long accepted, long faults, long errors, double seconds, String firstError,
            List<Double> responseMs) {
    }

    /**
     * Sends for at most {@code duration} (and at most {@code maxReadings}), at {@code ratePerSecond} (0: as fast as
     * possible) with {@code workers} connections; faults every {@code faultEvery} readings (0: none).
     */
    public Sent run(int ratePerSecond, Duration duration, long maxReadings, int workers, int batchSize, int faultEvery,
            AnomalyWatcher watcher) throws InterruptedException {
        if (workers > devices) {
            throw new IllegalArgumentException("each worker needs a device of its own: " + workers + " workers, " + devices
                    + " devices");
        }
        AtomicLong accepted = new AtomicLong();
        AtomicLong faults = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        java.util.concurrent.atomic.AtomicReference<String> firstError = new java.util.concurrent.atomic.AtomicReference<>();
        AtomicLong budget = new AtomicLong(maxReadings);
        java.util.Queue<Double> responseMs = new java.util.concurrent.ConcurrentLinkedQueue<>();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        for (int w = 0; w < workers; w++) {
            int worker = w;
            pool.submit(() -> {
                Random random = new Random(worker);
                double perWorker = ratePerSecond > 0 ? (double) ratePerSecond / workers : 0;
                long sentByWorker = 0;
                // each device belongs to one worker: two workers pushing one device would race its timestamps, and
                // detection rightly skips a sample older than the newest it has seen
                int owned = (devices - worker + workers - 1) / workers;
                int next = 0;
                while (System.nanoTime() < end && budget.getAndAdd(-batchSize) > 0) {
                    int device = worker + workers * (next++ % owned);
                    List<String> faultIds = new ArrayList<>();
                    String body = batch(device, batchSize, faultEvery, random, faultIds);
                    long sentAt = System.nanoTime();
                    if (watcher != null) {
                        // reading ids derive from device and time: registered before sending, so an anomaly that
                        // arrives before the 202 reaches this thread is not missed
                        faultIds.forEach(id -> watcher.expect(id, sentAt));
                    }
                    try {
                        HttpResponse<String> response = http.send(HttpRequest.newBuilder(ingest)
                                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token)
                                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(), HttpResponse.BodyHandlers.ofString());
                        responseMs.add((System.nanoTime() - sentAt) / 1e6);
                        if (response.statusCode() != 202) {
                            if (watcher != null) {
                                faultIds.forEach(watcher::forget);
                            }
                            errors.incrementAndGet();
                            firstError.compareAndSet(null, "HTTP " + response.statusCode() + " "
                                    + response.body().substring(0, Math.min(200, response.body().length())));
                            continue;
                        }
                        accepted.addAndGet(batchSize);
                        faults.addAndGet(faultIds.size());
                    } catch (Exception e) {
                        if (watcher != null) {
                            faultIds.forEach(watcher::forget);
                        }
                        errors.incrementAndGet();
                        firstError.compareAndSet(null, e.toString());
                    }
                    sentByWorker += batchSize;
                    if (perWorker > 0) {
                        long due = start + (long) (sentByWorker / perWorker * 1e9);
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            TimeUnit.NANOSECONDS.sleep(wait);
                        }
                    }
                }
                return null;
            });
        }
        pool.shutdown();
        pool.awaitTermination(duration.toSeconds() + 60, TimeUnit.SECONDS);
        return new Sent(accepted.get(), faults.get(), errors.get(), (System.nanoTime() - start) / 1e9, firstError.get(),
                new ArrayList<>(responseMs));
    }

    private String batch(int device, int size, int faultEvery, Random random, List<String> faultIds) {
        StringBuilder json = new StringBuilder(size * 96).append("{\"deviceId\":\"").append(deviceId(device))
                .append("\",\"samples\":[");
        for (int i = 0; i < size; i++) {
            long seq = deviceSeq.getAndIncrement(device);
            long n = readingCounter.incrementAndGet();
            boolean faulty = faultEvery > 0 && n % faultEvery == 0;
            Instant ts = base.plusSeconds(seq);
            if (faulty) {
                faultIds.add(EventIds.readingId(deviceId(device), ts));
            }
            double voltage = faulty ? 1000.0 : 230 + random.nextGaussian();
            double current = 5 + 0.1 * random.nextGaussian();
            json.append(i == 0 ? "" : ",").append("{\"ts\":\"").append(ts)
                    .append("\",\"values\":{\"voltage\":").append(String.format(Locale.ROOT, "%.3f", voltage))
                    .append(",\"current\":").append(String.format(Locale.ROOT, "%.4f", current)).append("}}");
        }
        return json.append("]}").toString();
    }
}
