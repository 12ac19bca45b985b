package org.crmsuite.gateway.ratelimit;

import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.crmsuite.gateway.routing.DownstreamService;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Token-bucket rate limits ({@code crm.gateway.rate-limits.*}): every caller has one bucket per route for its user
 * (the token's {@code preferred_username}) and one for its client application (the token's {@code azp}); a request
 * takes one token from each, and an empty bucket answers 429 with {@code Retry-After}. Callers without a token (the
 * survey link, the API documentation) count per remote address as their "user".
 *
 * @param enabled   false turns rate limiting off (for example when an API management layer in front does it)
 * @param store     where the buckets live: {@code in-memory} (per replica, the default) or {@code redis} (shared by
 *                  all replicas, through Spring Cloud Gateway's RedisRateLimiter and {@code spring.data.redis.*})
 * @param perUser   default bucket per user and route
 * @param perClient default bucket per client application and route
 * @param routes    per-route overrides, keyed by service key (customer, ticket, sales, analytics, notification)
 * @param maxKeys   in-memory store: how many buckets are kept before idle (full) ones are dropped
 */
@Validated
@ConfigurationProperties("crm.gateway.rate-limits")
public record RateLimitProperties(
        @DefaultValue("true") boolean enabled,
        @NotNull @DefaultValue("in-memory") Store store,
        @Valid Limit perUser,
        @Valid Limit perClient,
        @NotNull @Valid @DefaultValue Map<String, RouteLimits> routes,
        @Min(1) @DefaultValue("100000") int maxKeys) {

    /** A person clicking through the web client, with room for a page that fires a burst of calls. */
    public static final Limit DEFAULT_PER_USER = new Limit(100, 20);
    /** A client application (the web client counts all its users here, an ERP all its jobs). */
    public static final Limit DEFAULT_PER_CLIENT = new Limit(2000, 500);

    public RateLimitProperties {
        perUser = perUser != null ? perUser : DEFAULT_PER_USER;
        perClient = perClient != null ? perClient : DEFAULT_PER_CLIENT;
        for (String key : routes.keySet()) {
            if (DownstreamService.byKey(key).isEmpty()) {
                throw new IllegalArgumentException("crm.gateway.rate-limits.routes." + key
                        + " names no service; known: customer, ticket, sales, analytics, notification");
            }
        }
    }

    /** The limits that apply to one route: its overrides, else the defaults. */
    public Limits limitsFor(DownstreamService service) {
        RouteLimits route = routes.get(service.key());
        if (route == null) {
            return new Limits(perUser, perClient);
        }
        return new Limits(route.perUser() != null ? route.perUser() : perUser,
                route.perClient() != null ? route.perClient() : perClient);
    }

    public enum Store { IN_MEMORY, REDIS }

    /**
     * One token bucket.
     *
     * @param capacity           tokens the bucket holds: the burst a caller may send at once
     * @param replenishPerSecond tokens added per second: the sustained rate
     */
    public record Limit(@Min(1) int capacity, @Min(1) int replenishPerSecond) {
        public Limit {
            if (capacity < 1 || replenishPerSecond < 1) {
                throw new IllegalArgumentException("a rate limit needs capacity >= 1 and replenish-per-second >= 1, got "
                        + capacity + " and " + replenishPerSecond);
            }
            if (capacity < replenishPerSecond) {
                throw new IllegalArgumentException("a rate limit's capacity (" + capacity
                        + ") must be at least its replenish-per-second (" + replenishPerSecond + ")");
            }
        }
    }

    /**
     * @param perUser   this route's bucket per user, or null for the default
     * @param perClient this route's bucket per client, or null for the default
     */
    public record RouteLimits(@Valid Limit perUser, @Valid Limit perClient) {
    }

    public record Limits(Limit perUser, Limit perClient) {
    }
}
