package org.crmsuite.gateway.ratelimit;

import java.util.Map;

import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;

import reactor.core.publisher.Mono;

/**
 * Token buckets in Redis, shared by every replica: Spring Cloud Gateway's {@link RedisRateLimiter} runs its
 * token-bucket Lua script atomically per bucket (keys {@code request_rate_limiter.{crm-<capacity>-<rate>.<bucket>}.tokens}
 * and {@code .timestamp}, expiring after twice the refill time). Each distinct limit is registered as one limiter
 * configuration. When Redis cannot be reached the limiter lets the request through (and logs it): an outage of the
 * shared store must not take the API down.
 */
public final class RedisTokenBuckets implements TokenBuckets {

    private final RedisRateLimiter limiter;

    public RedisTokenBuckets(RedisRateLimiter limiter) {
        this.limiter = limiter;
    }

    @Override
    public Mono<Decision> take(String key, RateLimitProperties.Limit limit) {
        String configId = "crm-" + limit.capacity() + "-" + limit.replenishPerSecond();
        Map<String, RedisRateLimiter.Config> configs = limiter.getConfig();
        configs.computeIfAbsent(configId, id -> new RedisRateLimiter.Config()
                .setBurstCapacity(limit.capacity())
                .setReplenishRate(limit.replenishPerSecond())
                .setRequestedTokens(1));
        return limiter.isAllowed(configId, key).map(response -> {
            if (response.isAllowed()) {
                String remaining = response.getHeaders().get(RedisRateLimiter.REMAINING_HEADER);
                return Decision.allow(remaining != null ? Long.parseLong(remaining) : -1);
            }
            // The script keeps whole tokens: the next one arrives within 1 / rate seconds.
            return Decision.deny((long) Math.ceil(1.0 / limit.replenishPerSecond()));
        });
    }
}
