package io.plantwatch.gateway.edge.service;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Token-bucket rate limiting per key (a user, a device or an address): a bucket holds up to {@code burst} tokens,
 * refills at {@code ratePerSecond}, and each request takes one. In memory, per gateway instance.
 */
public final class TokenBuckets {

    /** A rate limit: sustained rate and burst size. */
    public record Limit(double ratePerSecond, int burst) {
        public Limit {
            if (ratePerSecond <= 0 || burst < 1) {
                throw new IllegalArgumentException("rate must be > 0 and burst >= 1, got " + ratePerSecond + "/" + burst);
            }
        }
    }

    private static final class Bucket {
        double tokens;
        long updatedNanos;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updatedNanos = now;
        }
    }

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final LongSupplier nanoClock;

    public TokenBuckets(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    public TokenBuckets() {
        this(System::nanoTime);
    }

    /** Takes one token: 0 when the request may pass, otherwise the whole seconds to wait before the next one may. */
    public long acquire(String key, Limit limit) {
        long now = nanoClock.getAsLong();
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(limit.burst(), now));
        synchronized (bucket) {
            refill(bucket, limit, now);
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return 0;
            }
            double secondsToNextToken = (1 - bucket.tokens) / limit.ratePerSecond();
            return Math.max(1, (long) Math.ceil(secondsToNextToken));
        }
    }

    /** Forgets buckets that have refilled completely (their callers went quiet), so memory stays bounded. */
    public void evictFull(Limit largest) {
        long now = nanoClock.getAsLong();
        buckets.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                long idle = now - e.getValue().updatedNanos;
                return idle > TimeUnit.SECONDS.toNanos((long) Math.ceil(largest.burst() / largest.ratePerSecond()) + 1);
            }
        });
    }

    public int size() {
        return buckets.size();
    }

    private static void refill(Bucket bucket, Limit limit, long now) {
        double elapsedSeconds = (now - bucket.updatedNanos) / 1e9;
        if (elapsedSeconds > 0) {
            bucket.tokens = Math.min(limit.burst(), bucket.tokens + elapsedSeconds * limit.ratePerSecond());
            bucket.updatedNanos = now;
        }
    }
}
