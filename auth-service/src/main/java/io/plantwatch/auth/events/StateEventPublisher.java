package io.plantwatch.auth.events;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Publishes the state of stored documents to a compacted topic without losing a change: each change marks its
 * document pending (in the same single-document write), a publish clears the mark once Kafka acknowledged it
 * (only if the document did not change meanwhile), and a periodic sweep retries what is still pending (e.g.
 * while Kafka was down). At start every document is marked, so a new consumer catches up with the current state.
 *
 * @param <E> stored document
 * @param <T> event
 */
public abstract class StateEventPublisher<E, T> {

    private static final Logger LOG = Logger.getLogger(StateEventPublisher.class);
    private static final int SWEEP_BATCH = 500;

    /** The outgoing channel of the events. */
    protected abstract MutinyEmitter<T> emitter();

    protected abstract T toEvent(E document);

    protected abstract String key(E document);

    /** Clears the pending mark if the document is still at the revision that was published. */
    protected abstract void markPublished(E document);

    protected abstract List<E> pending(int limit);

    /** Marks every document pending (start-up republication). */
    protected abstract void markAllPending();

    /** Publishes one changed document now; a failure is left to the sweep. */
    public void publish(E document) {
        try {
            send(document).subscribe().with(ok -> {
            }, failure -> LOG.debugf("publish deferred to the next sweep: %s", failure.getMessage()));
        } catch (RuntimeException e) {
            // the change is stored and marked pending: the sweep publishes it once the channel is back
            LOG.debugf("publish deferred to the next sweep: %s", e.getMessage());
        }
    }

    /** Publishes what is pending; called by the subclass's scheduled method. */
    protected void sweep() {
        List<E> batch = pending(SWEEP_BATCH);
        if (batch.isEmpty()) {
            return;
        }
        try {
            // building a send can fail too (e.g. the channel is not connected while the application stops)
            List<Uni<Void>> sends = new ArrayList<>();
            for (E document : batch) {
                sends.add(send(document));
            }
            Uni.join().all(sends).andCollectFailures().await().atMost(Duration.ofSeconds(30));
        } catch (RuntimeException e) {
            LOG.warnf("%d state events not published yet (retrying): %s", batch.size(), e.getMessage());
        }
    }

    private Uni<Void> send(E document) {
        T event = toEvent(document);
        return emitter().sendMessage(Message.of(event).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(key(document)).build()))
                // the acknowledgement arrives on a Kafka/Vert.x thread: write to MongoDB from a worker
                .emitOn(Infrastructure.getDefaultWorkerPool()).invoke(() -> markPublished(document));
    }
}
