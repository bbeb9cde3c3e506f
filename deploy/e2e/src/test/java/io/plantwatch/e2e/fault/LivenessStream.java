package io.plantwatch.e2e.fault;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Devices that push one sample each in turn through the gateway, at a steady pace, until stopped one by one or the
 * time bound runs out. The gateway balances requests over the ingest instances in turn, so with an even number of
 * devices and two instances each device tends to land on one instance only: the case where a per-instance liveness
 * view sees a live device as silent.
 */
final class LivenessStream implements AutoCloseable {

    private final String ingestUrl;
    private final Supplier<String> token;
    private final List<String> devices;
    private final long pauseMillis;
    private final Duration maxDuration;
    private final Set<String> stopped = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicReference<String> lastFailure = new AtomicReference<>();
    /** Per device: nanoTime of the last accepted sample, and the longest gap between two accepted samples (ms). */
    private final Map<String, Long> lastAccepted = new ConcurrentHashMap<>();
    private final Map<String, Long> longestGapMillis = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Thread thread;

    LivenessStream(String gatewayUrl, Supplier<String> token, List<String> devices, long pauseMillis, Duration maxDuration) {
        this.ingestUrl = gatewayUrl + "/api/v1/ingest";
        this.token = token;
        this.devices = List.copyOf(devices);
        this.pauseMillis = pauseMillis;
        this.maxDuration = maxDuration;
        this.thread = new Thread(this::run, "liveness-stream");
        this.thread.setDaemon(true);
    }

    LivenessStream start() {
        thread.start();
        return this;
    }

    /** The device sends nothing more. */
    void stop(String deviceId) {
        stopped.add(deviceId);
    }

    int accepted() {
        return accepted.get();
    }

    int failed() {
        return failed.get();
    }

    String lastFailure() {
        return lastFailure.get();
    }

    /** The longest time between two accepted samples of a device so far (the client's view), in ms. */
    long longestGapMillis(String device) {
        return longestGapMillis.getOrDefault(device, 0L);
    }

    boolean running() {
        return thread.isAlive();
    }

    private void run() {
        long deadline = System.nanoTime() + maxDuration.toNanos();
        try {
            while (System.nanoTime() < deadline && stopped.size() < devices.size()) {
                for (String device : devices) {
                    if (!stopped.contains(device)) {
                        send(device);
                    }
                }
                Thread.sleep(pauseMillis);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void send(String device) throws InterruptedException {
        String body = "{\"deviceId\":\"" + device + "\",\"samples\":[{\"ts\":\"" + Instant.now()
                + "\",\"values\":{\"c0\":50.0}}]}";
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(ingestUrl)).timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Bearer " + token.get()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 202) {
                accepted.incrementAndGet();
                long now = System.nanoTime();
                Long previous = lastAccepted.put(device, now);
                if (previous != null) {
                    longestGapMillis.merge(device, (now - previous) / 1_000_000, Math::max);
                }
            } else {
                failed.incrementAndGet();
                lastFailure.set(device + ": " + response.statusCode() + " " + response.body());
            }
        } catch (java.io.IOException e) {
            failed.incrementAndGet();
            lastFailure.set(device + ": " + e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        stopped.addAll(devices);
        thread.join(Duration.ofSeconds(15).toMillis());
    }
}
