package org.crmsuite.gateway.ratelimit;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import reactor.core.publisher.Mono;

/**
 * Token buckets in this replica's memory: exact and fast, but each replica counts on its own (with N replicas
 * behind a round-robin balancer a caller gets up to N times the limit). Buckets refill lazily on use; when more
 * than {@code maxKeys} exist, the ones that are full again (idle callers) are dropped, which loses nothing.
 */
public final class InMemoryTokenBuckets implements TokenBuckets {

    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final LongSupplier nanoTime;
    private final int maxKeys;

    public InMemoryTokenBuckets(int maxKeys) {
        this(maxKeys, System::nanoTime);
    }

    InMemoryTokenBuckets(int maxKeys, LongSupplier nanoTime) {
        this.maxKeys = maxKeys;
        this.nanoTime = nanoTime;
    }

    @Override
    public Mono<Decision> take(String key, RateLimitProperties.Limit limit) {
        return Mono.just(tryTake(key, limit));
    }

    Decision tryTake(String key, RateLimitProperties.Limit limit) {
        long now = nanoTime.getAsLong();
        Bucket bucket = buckets.get(key);
        if (bucket == null) {
            if (buckets.size() >= maxKeys) {
                dropFullBuckets(now);
            }
            bucket = buckets.computeIfAbsent(key, k -> new Bucket(limit, now));
        }
        return bucket.take(limit, now);
    }

    int size() {
        return buckets.size();
    }

    private void dropFullBuckets(long now) {
        buckets.values().removeIf(bucket -> bucket.isFull(now));
    }

    private static final class Bucket {

        private RateLimitProperties.Limit limit;
        private double tokens;
        private long updatedNanos;

        Bucket(RateLimitProperties.Limit limit, long now) {
            this.limit = limit;
            this.tokens = limit.capacity();
            this.updatedNanos = now;
        }

        synchronized Decision take(RateLimitProperties.Limit current, long now) {
            limit = current;
            refill(now);
            if (tokens >= 1) {
                tokens -= 1;
                return Decision.allow((long) tokens);
            }
            double secondsToNextToken = (1 - tokens) / limit.replenishPerSecond();
            return Decision.deny((long) Math.ceil(secondsToNextToken));
        }

        synchronized boolean isFull(long now) {
            refill(now);
            return tokens >= limit.capacity();
        }

        private void refill(long now) {
            long elapsed = now - updatedNanos;
            if (elapsed > 0) {
                tokens = Math.min(limit.capacity(), tokens + elapsed * limit.replenishPerSecond() / 1e9);
                updatedNanos = now;
            }
        }
    }
}
