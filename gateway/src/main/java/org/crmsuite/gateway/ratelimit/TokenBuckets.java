package org.crmsuite.gateway.ratelimit;

import reactor.core.publisher.Mono;

/** Where the token buckets live: in this replica's memory, or in a store all replicas share. */
public interface TokenBuckets {

    /** Takes one token from the bucket {@code key}, created full with {@code limit} when it does not exist yet. */
    Mono<Decision> take(String key, RateLimitProperties.Limit limit);

    /**
     * @param allowed           whether a token was taken
     * @param remaining         tokens left after this request (allowed) or 0
     * @param retryAfterSeconds when a denied caller may expect a token again (at least 1); 0 when allowed
     */
    record Decision(boolean allowed, long remaining, long retryAfterSeconds) {

        static Decision allow(long remaining) {
            return new Decision(true, remaining, 0);
        }

        static Decision deny(long retryAfterSeconds) {
            return new Decision(false, 0, Math.max(1, retryAfterSeconds));
        }
    }
}
