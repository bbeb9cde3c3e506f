package io.plantwatch.detection.support;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Stands in for report-service's {@code GET /api/v1/devices/{id}/series} over real HTTP: a test registers the JSON a
 * device's history answers with, and may hold the answer back (a gate) to observe what the service does while it
 * waits. report-service itself is another module; its series contract is what is stubbed here.
 */
public class ReportStubResource implements QuarkusTestResourceLifecycleManager {

    private static final Map<String, String> SERIES = new ConcurrentHashMap<>();
    private static final Map<String, CountDownLatch> GATES = new ConcurrentHashMap<>();
    private static final Map<String, String> AUTH = new ConcurrentHashMap<>();
    private HttpServer server;

    /** The answer for a device's series (the JSON body). */
    public static void series(String deviceId, String json) {
        SERIES.put(deviceId, json);
    }

    /** Holds the device's answer until the returned latch is counted down. */
    public static CountDownLatch gate(String deviceId) {
        CountDownLatch l = new CountDownLatch(1);
        GATES.put(deviceId, l);
        return l;
    }

    /** The Authorization header of the last request for the device. */
    public static String authorizationSeen(String deviceId) {
        return AUTH.get(deviceId);
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/api/v1/devices/", exchange -> {
            String[] parts = exchange.getRequestURI().getPath().split("/");
            String device = parts.length > 4 ? parts[4] : "";
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (auth != null) {
                AUTH.put(device, auth);
            }
            CountDownLatch gate = GATES.get(device);
            try {
                if (gate != null && !gate.await(60, TimeUnit.SECONDS)) {
                    exchange.sendResponseHeaders(504, -1);
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            String body = SERIES.get(device);
            byte[] bytes = (body == null ? "{\"status\":404,\"error\":\"not-found\"}" : body)
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        return Map.of("quarkus.rest-client.report-service.url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
