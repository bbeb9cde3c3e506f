package io.plantwatch.auth.follow.kafka;

import io.plantwatch.auth.events.StateEventPublisher;
import io.plantwatch.auth.follow.repository.FollowEntity;
import io.plantwatch.auth.follow.repository.FollowRepository;
import io.plantwatch.contracts.Channels;
import io.plantwatch.contracts.event.FollowEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import java.util.List;

/** Follow state → plant.follows (key follow id, compacted), for alert-service's routing to followers. */
@ApplicationScoped
public class FollowEventPublisher extends StateEventPublisher<FollowEntity, FollowEvent> {

    private final FollowRepository follows;
    private final MutinyEmitter<FollowEvent> emitter;

    public FollowEventPublisher(FollowRepository follows,
            @Channel(Channels.FOLLOWS_OUT) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
            MutinyEmitter<FollowEvent> emitter) {
        this.emitter = emitter;
        this.follows = follows;
    }

    @Override
    protected MutinyEmitter<FollowEvent> emitter() {
        return emitter;
    }

    void republishAtStart(@Observes StartupEvent event) {
        markAllPending();
    }

    @Scheduled(every = "${plantwatch.auth.events.sweep-every:5s}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweepPending() {
        sweep();
    }

    @Override
    protected FollowEvent toEvent(FollowEntity f) {
        return new FollowEvent(FollowEvent.SCHEMA_VERSION, f.id, f.userId, FollowEvent.TargetKind.valueOf(f.targetKind),
                f.targetId, f.active, f.updatedAt);
    }

    @Override
    protected String key(FollowEntity f) {
        return f.id;
    }

    @Override
    protected void markPublished(FollowEntity f) {
        follows.markPublished(f.id, f.revision);
    }

    @Override
    protected List<FollowEntity> pending(int limit) {
        return follows.pending(limit);
    }

    @Override
    protected void markAllPending() {
        follows.markAllPending();
    }
}
