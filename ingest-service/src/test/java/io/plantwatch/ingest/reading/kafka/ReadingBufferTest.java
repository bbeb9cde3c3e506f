package io.plantwatch.ingest.reading.kafka;

import io.plantwatch.contracts.event.Quality;
import io.plantwatch.contracts.event.Reading;
import io.plantwatch.contracts.event.Source;
import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bounded buffer's logic with a stand-in for Kafka that is down for a while (pure unit test). */
class ReadingBufferTest {

    private static List<Reading> readings(int n) {
        List<Reading> list = new ArrayList<>();
        Instant t = Instant.parse("2026-11-23T08:00:00Z");
        for (int i = 0; i < n; i++) {
            list.add(Reading.of("r-" + i, "d", t.plusSeconds(i), t, Source.MQTT, Map.of("v", (double) i), Quality.GOOD));
        }
        return list;
    }

    @Test
    void unattendedReadingsSurviveAnOutageAndFreeTheirRoomWhenConfirmed() throws Exception {
        AtomicBoolean kafkaUp = new AtomicBoolean(false);
        Set<String> confirmed = ConcurrentHashMap.newKeySet();
        ReadingBuffer buffer = new ReadingBuffer(10, r -> kafkaUp.get()
                ? Uni.createFrom().voidItem().invoke(() -> confirmed.add(r.id()))
                : Uni.createFrom().failure(new IllegalStateException("broker not available")),
                Duration.ofMillis(10), Duration.ofMillis(50));

        CompletableFuture<Void> sent = buffer.sendReliably(readings(6)).toCompletableFuture();
        Thread.sleep(200); // several failed attempts
        assertEquals(6, buffer.pending(), "held while Kafka is down");
        assertThrows(ReadingBuffer.Full.class, () -> buffer.sendReliably(readings(5)), "4 free, 5 do not fit");

        kafkaUp.set(true);
        sent.get(10, TimeUnit.SECONDS);
        assertEquals(6, confirmed.size(), "every reading confirmed once Kafka is back");
        assertEquals(0, buffer.pending(), "room returned");
        buffer.sendReliably(readings(10)).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void pushedReadingsAreSentOnceAndTheFailureIsTheCallers() {
        ReadingBuffer buffer = new ReadingBuffer(4, r -> Uni.createFrom().failure(new IllegalStateException("down")),
                Duration.ofMillis(10), Duration.ofMillis(50));
        CompletableFuture<Void> sent = buffer.sendOnce(readings(3)).toCompletableFuture();
        Exception e = assertThrows(Exception.class, () -> sent.get(5, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof IllegalStateException, e.toString());
        assertEquals(0, buffer.pending(), "a failed send returns its room: the client retries");
        assertThrows(ReadingBuffer.Full.class, () -> buffer.sendOnce(readings(5)), "larger than the buffer");
    }
}
