package io.plantwatch.gateway.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.plantwatch.contracts.json.EventJson;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** A fast SSE client of the live feed over a real HTTP connection: reads every event as soon as it comes. */
public final class SseClient implements AutoCloseable {

    private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
    private final Thread reader;
    private final int status;
    private volatile Stream<String> lines;

    public SseClient(URI uri, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).version(HttpClient.Version.HTTP_1_1)
                .header("Accept", "text/event-stream").GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(request.build(),
                HttpResponse.BodyHandlers.ofLines());
        status = response.statusCode();
        lines = response.body();
        reader = new Thread(() -> {
            try {
                lines.forEach(line -> {
                    if (line.startsWith("data:")) {
                        events.add(EventJson.fromJson(line.substring(5).trim(), JsonNode.class));
                    }
                });
            } catch (RuntimeException e) {
                // stream closed
            }
        }, "sse-test-client");
        reader.setDaemon(true);
        if (status == 200) {
            reader.start();
        }
    }

    public int status() {
        return status;
    }

    /** Takes events until one matches, or fails after {@code timeout}; returns everything taken, the match last. */
    public List<JsonNode> until(Predicate<JsonNode> match, Duration timeout) throws InterruptedException {
        List<JsonNode> taken = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode next = events.poll(100, TimeUnit.MILLISECONDS);
            if (next != null) {
                taken.add(next);
                if (match.test(next)) {
                    return taken;
                }
            }
        }
        throw new AssertionError("no matching event within " + timeout + "; got " + taken.size() + ": "
                + taken.stream().limit(5).toList());
    }

    /** Takes events until {@code count} matched, or fails after {@code timeout}; returns all taken. */
    public List<JsonNode> take(int count, Predicate<JsonNode> match, Duration timeout) throws InterruptedException {
        List<JsonNode> taken = new ArrayList<>();
        int matched = 0;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (matched < count && System.nanoTime() < deadline) {
            JsonNode next = events.poll(100, TimeUnit.MILLISECONDS);
            if (next != null) {
                taken.add(next);
                if (match.test(next)) {
                    matched++;
                }
            }
        }
        if (matched < count) {
            throw new AssertionError("only " + matched + " of " + count + " events within " + timeout);
        }
        return taken;
    }

    /** Events already received, without waiting. */
    public List<JsonNode> drainNow() {
        List<JsonNode> out = new ArrayList<>();
        events.drainTo(out);
        return out;
    }

    @Override
    public void close() {
        Stream<String> s = lines;
        if (s != null) {
            s.close();
        }
        reader.interrupt();
    }

    public static Predicate<JsonNode> type(String type) {
        return e -> type.equals(e.path("type").asText());
    }

    public static Duration seconds(long s) {
        return Duration.ofSeconds(s);
    }
}
