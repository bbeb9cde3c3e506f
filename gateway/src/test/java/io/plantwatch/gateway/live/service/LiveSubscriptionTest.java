package io.plantwatch.gateway.live.service;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The per-client queue: never blocks the publisher, emits only on demand, tells a slow client what it missed. */
class LiveSubscriptionTest {

    @Test
    void eventsWaitForDemandAndOverflowBecomesOneGapEvent() {
        AtomicReference<LiveSubscription> subscription = new AtomicReference<>();
        Multi<LiveEvent> stream = Multi.createFrom().emitter(emitter -> {
            LiveSubscription s = new LiveSubscription(LiveFilter.all(), 3, emitter);
            emitter.onRequest(n -> s.drain());
            subscription.set(s);
        });
        AssertSubscriber<LiveEvent> client = stream.subscribe().withSubscriber(AssertSubscriber.create(0));
        for (int i = 0; i < 10; i++) {
            subscription.get().offer(event("n" + i)); // never blocks, whatever the client does
        }
        assertEquals(0, client.getItems().size(), "nothing without demand");
        assertEquals(7, subscription.get().dropped());

        client.request(10);
        assertEquals(List.of("n0", "n1", "n2"), client.getItems().stream().map(e -> e.deviceId()).toList());
        subscription.get().offer(event("n10"));
        List<LiveEvent> items = client.getItems();
        assertEquals(LiveEvent.GAP, items.get(3).type());
        assertEquals(Map.of("dropped", 7L), items.get(3).data());
        assertEquals("n10", items.get(4).deviceId());
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), items.stream().map(LiveEvent::seq).toList());
    }

    @Test
    void filtersByDeviceSiteAndType() {
        LiveFilter filter = new LiveFilter(Set.of("pump-1"), Set.of("plant-north"), Set.of("anomaly"));
        assertTrue(filter.matches(new LiveEvent("anomaly", 0, "pump-1", null, Instant.now(), null)));
        assertTrue(filter.matches(new LiveEvent("anomaly", 0, "meter-7", "plant-north", Instant.now(), null)));
        assertFalse(filter.matches(new LiveEvent("anomaly", 0, "meter-7", "plant-south", Instant.now(), null)));
        assertFalse(filter.matches(new LiveEvent("reading", 0, "pump-1", null, Instant.now(), null)));
        assertTrue(filter.matches(new LiveEvent("heartbeat", 0, null, null, Instant.now(), null)), "stream events pass");
        assertTrue(LiveFilter.all().matches(new LiveEvent("reading", 0, "x", null, Instant.now(), null)));
    }

    private static LiveEvent event(String device) {
        return new LiveEvent(LiveEvent.ANOMALY, 0, device, null, Instant.now(), Map.of());
    }
}
