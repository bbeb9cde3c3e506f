package io.plantwatch.gateway.live.service;

import io.plantwatch.gateway.live.config.LiveConfig;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * Fans the live events out to the connected clients. {@link #publish} never blocks: each client has its own bounded
 * {@link LiveSubscription}, so a slow client loses its own events and never holds up the consumers.
 */
@ApplicationScoped
public class LiveHub {

    private final Set<LiveSubscription> subscriptions = new CopyOnWriteArraySet<>();

    @Inject
    LiveConfig config;

    @Inject
    DeviceDirectory devices;

    private ReadingThrottle throttle;

    void start(@Observes StartupEvent event, Vertx vertx) {
        throttle = new ReadingThrottle(config.readingInterval());
        long flushMillis = Math.max(50, config.readingInterval().toMillis() / 4);
        vertx.setPeriodic(flushMillis, id -> flushReadings());
        vertx.setPeriodic(config.heartbeat().toMillis(), id -> broadcast(new LiveEvent(LiveEvent.HEARTBEAT, 0, null,
                null, Instant.now(), Map.of())));
    }

    /** A new client's stream: a hello event, then every matching event from now on. */
    public Multi<LiveEvent> subscribe(LiveFilter filter) {
        return Multi.createFrom().emitter(emitter -> {
            LiveSubscription subscription = new LiveSubscription(filter, config.clientBuffer(), emitter);
            emitter.onTermination(() -> subscriptions.remove(subscription));
            emitter.onRequest(n -> subscription.drain());
            subscriptions.add(subscription);
            subscription.offer(new LiveEvent(LiveEvent.HELLO, 0, null, null, Instant.now(), Map.of(
                    "deviceIds", filter.deviceIds(), "sites", filter.sites(), "types", filter.types())));
        });
    }

    public boolean full() {
        return subscriptions.size() >= config.maxClients();
    }

    public int clients() {
        return subscriptions.size();
    }

    /**
     * Whether any connected client would receive readings of this device: readings nobody watches are not even
     * parsed (every gateway reads every reading of the plant).
     */
    public boolean wantsReadingOf(String deviceId) {
        if (subscriptions.isEmpty()) {
            return false;
        }
        String site = devices.siteOf(deviceId);
        for (LiveSubscription subscription : subscriptions) {
            if (subscription.filter().wantsReadingOf(deviceId, site)) {
                return true;
            }
        }
        return false;
    }

    /** Hands a reading to the screen downsampler; it goes out now or merged at the end of its interval. */
    public void reading(io.plantwatch.contracts.event.Reading reading) {
        ScreenReading now = throttle.offer(reading, System.nanoTime());
        if (now != null) {
            publishReading(now);
        }
    }

    public void publish(String type, String deviceId, String site, Instant at, Object data) {
        String knownSite = site != null ? site : devices.siteOf(deviceId);
        broadcast(new LiveEvent(type, 0, deviceId, knownSite, at, data));
    }

    private void flushReadings() {
        if (throttle != null) {
            throttle.due(System.nanoTime()).forEach(this::publishReading);
        }
    }

    private void publishReading(ScreenReading reading) {
        publish(LiveEvent.READING, reading.deviceId(), null, reading.ts(), reading);
    }

    private void broadcast(LiveEvent event) {
        for (LiveSubscription subscription : subscriptions) {
            if (subscription.filter().matches(event)) {
                subscription.offer(event);
            }
        }
    }
}
