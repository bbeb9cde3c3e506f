package io.plantwatch.gateway.live.service;

import io.smallrye.mutiny.subscription.MultiEmitter;

import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One client's stream: a bounded queue between the Kafka consumers (which never wait) and the client's connection
 * (which takes events only as fast as it reads them: quarkus-rest asks for the next event once the previous one is
 * written). When the queue is full, new events for this client are dropped and counted; the next event that fits is
 * preceded by a {@code gap} event saying how many were lost. Other clients and the pipeline are not affected.
 */
public final class LiveSubscription {

    private final LiveFilter filter;
    private final int capacity;
    private final MultiEmitter<? super LiveEvent> emitter;
    private final Queue<LiveEvent> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicInteger wip = new AtomicInteger();
    private final AtomicLong droppedSinceGap = new AtomicLong();
    private final AtomicLong droppedTotal = new AtomicLong();
    /** Only touched inside the drain loop, which runs on one thread at a time. */
    private long seq;

    LiveSubscription(LiveFilter filter, int capacity, MultiEmitter<? super LiveEvent> emitter) {
        this.filter = filter;
        this.capacity = capacity;
        this.emitter = emitter;
    }

    public LiveFilter filter() {
        return filter;
    }

    /** Events this client has lost so far because it read too slowly. */
    public long dropped() {
        return droppedTotal.get();
    }

    /** Queues an event for this client without ever waiting; called by the consumers' threads. */
    void offer(LiveEvent event) {
        synchronized (this) {
            if (queued.get() >= capacity) {
                droppedSinceGap.incrementAndGet();
                droppedTotal.incrementAndGet();
                return;
            }
            long missed = droppedSinceGap.getAndSet(0);
            if (missed > 0) {
                queue.add(new LiveEvent(LiveEvent.GAP, 0, null, null, java.time.Instant.now(),
                        Map.of("dropped", missed)));
                queued.incrementAndGet();
            }
            queue.add(event);
            queued.incrementAndGet();
        }
        drain();
    }

    /** Emits queued events while the client has asked for more; serialised by the work-in-progress counter. */
    void drain() {
        if (wip.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        do {
            while (!emitter.isCancelled() && emitter.requested() > 0) {
                LiveEvent next = queue.poll();
                if (next == null) {
                    break;
                }
                queued.decrementAndGet();
                emitter.emit(next.withSeq(++seq));
            }
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
    }
}
