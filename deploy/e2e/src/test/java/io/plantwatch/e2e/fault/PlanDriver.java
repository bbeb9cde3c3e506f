package io.plantwatch.e2e.fault;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pushes a {@link ReadingPlan} through the gateway on its own thread, as a well-behaved device would: one batch at a
 * time, in order, and a batch that did not get its 202 is sent again (a refused or broken call, a 503 while Kafka or a
 * service is away) until it is accepted. Bounded: each batch gives up after {@link #BATCH_DEADLINE}.
 */
public final class PlanDriver implements AutoCloseable {

    static final Duration BATCH_DEADLINE = Duration.ofSeconds(150);
    private static final Pattern ACCEPTED = Pattern.compile("\"accepted\"\\s*:\\s*(\\d+)");

    private final String ingestUrl;
    private final Supplier<String> token;
    private final List<ReadingPlan.Batch> batches;
    private final long pauseMillis;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1).build();
    private final AtomicInteger batchesDone = new AtomicInteger();
    private final AtomicInteger readingsAccepted = new AtomicInteger();
    private final AtomicInteger retries = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread thread;

    /**
     * @param gatewayUrl  where to push
     * @param token       a valid bearer token (asked for each attempt, so it may be renewed)
     * @param pauseMillis pause between batches: the pace of the stream
     */
    public PlanDriver(String gatewayUrl, Supplier<String> token, ReadingPlan plan, long pauseMillis) {
        this.ingestUrl = gatewayUrl + "/api/v1/ingest";
        this.token = token;
        this.batches = plan.batches();
        this.pauseMillis = pauseMillis;
        this.thread = new Thread(this::run, "plan-driver-" + plan.prefix());
        this.thread.setDaemon(true);
    }

    public PlanDriver start() {
        thread.start();
        return this;
    }

    /** Share of the batches that have been accepted, 0..1. */
    public double progress() {
        return batchesDone.get() / (double) batches.size();
    }

    public int batchesTotal() {
        return batches.size();
    }

    /** Readings the ingest service accepted (answered 202 for), counting a re-sent batch once. */
    public int readingsAccepted() {
        return readingsAccepted.get();
    }

    /** Attempts that did not get a 202 and were repeated. */
    public int retries() {
        return retries.get();
    }

    /** Waits (bounded) until every batch is accepted; throws when a batch could not be delivered. */
    public void awaitDone(Duration timeout) throws InterruptedException {
        thread.join(timeout.toMillis());
        if (thread.isAlive()) {
            throw new AssertionError("the stream did not finish within " + timeout + " (" + batchesDone.get() + " of "
                    + batches.size() + " batches accepted)");
        }
        if (failure.get() != null) {
            throw new AssertionError("the stream failed after " + batchesDone.get() + " batches", failure.get());
        }
    }

    /** Waits (bounded) until at least {@code share} of the stream is accepted. */
    public void awaitProgress(double share, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (progress() < share) {
            if (System.nanoTime() > deadline || !thread.isAlive() && progress() < share) {
                throw new AssertionError("stream at " + progress() + ", expected " + share + " within " + timeout
                        + (failure.get() == null ? "" : ": " + failure.get()));
            }
            Thread.sleep(50);
        }
    }

    private void run() {
        try {
            for (ReadingPlan.Batch batch : batches) {
                readingsAccepted.addAndGet(send(batch));
                batchesDone.incrementAndGet();
                if (pauseMillis > 0) {
                    Thread.sleep(pauseMillis);
                }
            }
        } catch (Throwable e) {
            failure.set(e);
        }
    }

    private int send(ReadingPlan.Batch batch) throws InterruptedException {
        long deadline = System.nanoTime() + BATCH_DEADLINE.toNanos();
        String last = "";
        for (int attempt = 1; ; attempt++) {
            try {
                HttpRequest request = HttpRequest.newBuilder(URI.create(ingestUrl)).timeout(Duration.ofSeconds(45))
                        .header("Authorization", "Bearer " + token.get()).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(batch.json())).build();
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 202) {
                    Matcher m = ACCEPTED.matcher(response.body());
                    if (!m.find() || Integer.parseInt(m.group(1)) + duplicates(response.body()) != batch.count()) {
                        throw new IllegalStateException("unexpected answer to " + batch.deviceId() + "@" + batch.first()
                                + ": " + response.body());
                    }
                    return Integer.parseInt(m.group(1));
                }
                if (response.statusCode() >= 400 && response.statusCode() < 500 && response.statusCode() != 429
                        && response.statusCode() != 401) {
                    throw new IllegalStateException("batch " + batch.deviceId() + "@" + batch.first() + " refused: "
                            + response.statusCode() + " " + response.body());
                }
                last = response.statusCode() + " " + response.body();
            } catch (java.io.IOException e) {
                last = e.toString();
            } catch (AssertionError e) {
                // the token could not be renewed (auth-service or the gateway is restarting): like a failed call
                last = "token: " + e.getMessage();
            }
            retries.incrementAndGet();
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("batch " + batch.deviceId() + "@" + batch.first() + " not accepted after "
                        + attempt + " attempts; last: " + last);
            }
            Thread.sleep(Math.min(2000, 100L * attempt));
        }
    }

    private static int duplicates(String body) {
        Matcher m = Pattern.compile("\"duplicates\"\\s*:\\s*(\\d+)").matcher(body);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
