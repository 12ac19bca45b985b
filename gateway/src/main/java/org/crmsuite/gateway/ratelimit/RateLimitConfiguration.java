package org.crmsuite.gateway.ratelimit;

import org.crmsuite.gateway.problem.ProblemResponses;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The rate-limit filter and its bucket store, chosen by {@code crm.gateway.rate-limits.store}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "crm.gateway.rate-limits.enabled", matchIfMissing = true)
public class RateLimitConfiguration {

    @Bean
    TokenBuckets crmTokenBuckets(RateLimitProperties properties, ObjectProvider<RedisRateLimiter> redis) {
        return switch (properties.store()) {
            case IN_MEMORY -> new InMemoryTokenBuckets(properties.maxKeys());
            case REDIS -> new RedisTokenBuckets(redis.getIfAvailable(() -> {
                throw new IllegalStateException("crm.gateway.rate-limits.store=redis needs Spring Cloud Gateway's "
                        + "RedisRateLimiter (spring.cloud.gateway.server.webflux.redis.enabled must not be false)");
            }));
        };
    }

    @Bean
    RateLimitFilter crmRateLimitFilter(RateLimitProperties properties, TokenBuckets buckets, ProblemResponses problems) {
        return new RateLimitFilter(properties, buckets, problems);
    }
}
