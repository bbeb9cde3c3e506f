package io.plantwatch.ingest.reading.kafka;

import io.plantwatch.contracts.event.Reading;
import io.smallrye.mutiny.Uni;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/**
 * Bounds what ingest holds between accepting a reading and Kafka confirming it. Pushed readings (HTTP) are sent
 * once: the client retries when that fails. Readings that ingest fetched or received without a way to make the
 * sender retry (polling, serial, MQTT) are retried until Kafka confirms them, so a short Kafka outage loses
 * nothing. When the bound is reached, new work is refused with {@link Full} instead of growing the heap.
 */
public final class ReadingBuffer {

    /** The buffer cannot take the readings now; retry later. */
    public static final class Full extends RuntimeException {
        public Full(int capacity) {
            super("ingest buffer is full (" + capacity + " readings wait for Kafka)", null, false, false);
        }
    }

    private final int capacity;
    private final Semaphore room;
    private final Function<Reading, Uni<Void>> sender;
    private final Duration retryMin;
    private final Duration retryMax;

    public ReadingBuffer(int capacity, Function<Reading, Uni<Void>> sender, Duration retryMin, Duration retryMax) {
        this.capacity = capacity;
        this.room = new Semaphore(capacity);
        this.sender = sender;
        this.retryMin = retryMin;
        this.retryMax = retryMax;
    }

    /** Readings waiting for Kafka right now. */
    public int pending() {
        return capacity - room.availablePermits();
    }

    public int capacity() {
        return capacity;
    }

    /** Sends each reading once; completes when Kafka confirmed all, fails on the first failure or with {@link Full}. */
    public CompletionStage<Void> sendOnce(List<Reading> readings) {
        reserve(readings.size());
        return all(readings, r -> Uni.createFrom().deferred(() -> sender.apply(r)));
    }

    /** Sends each reading until Kafka confirms it; fails only with {@link Full}, at once. */
    public CompletionStage<Void> sendReliably(List<Reading> readings) {
        reserve(readings.size());
        return all(readings, r -> Uni.createFrom().deferred(() -> sender.apply(r))
                .onFailure().retry().withBackOff(retryMin, retryMax).indefinitely());
    }

    private void reserve(int n) {
        if (n > capacity || !room.tryAcquire(n)) {
            throw new Full(capacity);
        }
    }

    private CompletionStage<Void> all(List<Reading> readings, Function<Reading, Uni<Void>> send) {
        List<CompletableFuture<Void>> sends = new ArrayList<>(readings.size());
        for (Reading r : readings) {
            // the permit is returned once the outcome is known, whatever it is
            sends.add(send.apply(r).onTermination().invoke(room::release).subscribeAsCompletionStage());
        }
        return CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new));
    }
}
