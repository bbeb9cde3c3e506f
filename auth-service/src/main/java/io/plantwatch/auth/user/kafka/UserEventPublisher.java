package io.plantwatch.auth.user.kafka;

import io.plantwatch.auth.events.StateEventPublisher;
import io.plantwatch.auth.user.repository.UserEntity;
import io.plantwatch.auth.user.repository.UserRepository;
import io.plantwatch.contracts.Channels;
import io.plantwatch.contracts.event.UserEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import java.time.Instant;
import java.util.List;

/** Account state → plant.users (key userId, compacted), for alert-service's recipient projection. */
@ApplicationScoped
public class UserEventPublisher extends StateEventPublisher<UserEntity, UserEvent> {

    private final UserRepository users;
    private final MutinyEmitter<UserEvent> emitter;

    public UserEventPublisher(UserRepository users,
            @Channel(Channels.USERS_OUT) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
            MutinyEmitter<UserEvent> emitter) {
        this.emitter = emitter;
        this.users = users;
    }

    @Override
    protected MutinyEmitter<UserEvent> emitter() {
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
    protected UserEvent toEvent(UserEntity u) {
        return new UserEvent(UserEvent.SCHEMA_VERSION, u.id, u.username, u.email, u.roles, u.sites, u.disabled, false,
                u.updatedAt == null ? (u.createdAt == null ? Instant.now() : u.createdAt) : u.updatedAt);
    }

    @Override
    protected String key(UserEntity u) {
        return u.id;
    }

    @Override
    protected void markPublished(UserEntity u) {
        users.markPublished(u.id, u.revision);
    }

    @Override
    protected List<UserEntity> pending(int limit) {
        return users.pending(limit);
    }

    @Override
    protected void markAllPending() {
        users.markAllPending();
    }
}
