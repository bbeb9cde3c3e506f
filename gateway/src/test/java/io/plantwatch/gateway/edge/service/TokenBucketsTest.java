package io.plantwatch.gateway.edge.service;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TokenBucketsTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final TokenBuckets buckets = new TokenBuckets(now::get);
    private final TokenBuckets.Limit fivePerSecondBurstTen = new TokenBuckets.Limit(5, 10);

    @Test
    void aBurstPassesThenTheCallerWaitsForTheRefill() {
        for (int i = 0; i < 10; i++) {
            assertEquals(0, buckets.acquire("user:olga", fivePerSecondBurstTen), "request " + i + " of the burst");
        }
        assertEquals(1, buckets.acquire("user:olga", fivePerSecondBurstTen), "11th at once: wait (1 token in 0.2 s → 1 s)");
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(200));
        assertEquals(0, buckets.acquire("user:olga", fivePerSecondBurstTen), "one token back after 0.2 s");
        assertEquals(1, buckets.acquire("user:olga", fivePerSecondBurstTen));
    }

    @Test
    void retryAfterGrowsWithASlowRate() {
        TokenBuckets.Limit onePerTenSeconds = new TokenBuckets.Limit(0.1, 1);
        assertEquals(0, buckets.acquire("device:d", onePerTenSeconds));
        assertEquals(10, buckets.acquire("device:d", onePerTenSeconds));
        now.addAndGet(TimeUnit.SECONDS.toNanos(4));
        assertEquals(6, buckets.acquire("device:d", onePerTenSeconds));
    }

    @Test
    void callersHaveTheirOwnBucketsAndQuietOnesAreForgotten() {
        for (int i = 0; i < 10; i++) {
            buckets.acquire("user:a", fivePerSecondBurstTen);
        }
        assertEquals(0, buckets.acquire("user:b", fivePerSecondBurstTen), "b is not limited by a");
        assertEquals(2, buckets.size());
        now.addAndGet(TimeUnit.SECONDS.toNanos(10));
        buckets.evictFull(fivePerSecondBurstTen);
        assertEquals(0, buckets.size());
        assertEquals(0, buckets.acquire("user:a", fivePerSecondBurstTen), "a fresh bucket is full");
    }
}
