package org.crmsuite.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** The token bucket on a hand-driven clock: burst, refill, Retry-After and dropping idle buckets. */
class InMemoryTokenBucketsTest {

    private static final long SECOND = 1_000_000_000L;
    private final AtomicLong now = new AtomicLong(42 * SECOND);
    private final RateLimitProperties.Limit fivePerTwoSeconds = new RateLimitProperties.Limit(5, 2);

    @Test
    void a_full_bucket_allows_its_capacity_at_once_then_refuses_with_the_wait_for_the_next_token() {
        InMemoryTokenBuckets buckets = new InMemoryTokenBuckets(100, now::get);
        for (int remaining = 4; remaining >= 0; remaining--) {
            assertThat(buckets.tryTake("user:customer:li.wei", fivePerTwoSeconds))
                    .isEqualTo(new TokenBuckets.Decision(true, remaining, 0));
        }
        TokenBuckets.Decision refused = buckets.tryTake("user:customer:li.wei", fivePerTwoSeconds);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterSeconds()).isEqualTo(1); // 0.5 s to the next token, rounded up

        // Another key has its own bucket.
        assertThat(buckets.tryTake("user:customer:wang.fang", fivePerTwoSeconds).allowed()).isTrue();
    }

    @Test
    void tokens_come_back_at_the_replenish_rate_up_to_the_capacity() {
        InMemoryTokenBuckets buckets = new InMemoryTokenBuckets(100, now::get);
        for (int i = 0; i < 5; i++) {
            buckets.tryTake("k", fivePerTwoSeconds);
        }
        now.addAndGet(SECOND / 2); // one token
        assertThat(buckets.tryTake("k", fivePerTwoSeconds).allowed()).isTrue();
        assertThat(buckets.tryTake("k", fivePerTwoSeconds).allowed()).isFalse();

        now.addAndGet(60 * SECOND); // long idle: full, not more
        assertThat(buckets.tryTake("k", fivePerTwoSeconds).remaining()).isEqualTo(4);
    }

    @Test
    void a_slow_bucket_tells_a_longer_wait() {
        InMemoryTokenBuckets buckets = new InMemoryTokenBuckets(100, now::get);
        RateLimitProperties.Limit one = new RateLimitProperties.Limit(1, 1);
        buckets.tryTake("k", one);
        now.addAndGet(SECOND / 10);
        assertThat(buckets.tryTake("k", one).retryAfterSeconds()).isEqualTo(1);
    }

    @Test
    void past_max_keys_the_idle_full_buckets_are_dropped_and_busy_ones_kept() {
        InMemoryTokenBuckets buckets = new InMemoryTokenBuckets(3, now::get);
        buckets.tryTake("idle-1", fivePerTwoSeconds);
        buckets.tryTake("idle-2", fivePerTwoSeconds);
        now.addAndGet(10 * SECOND);
        for (int i = 0; i < 5; i++) {
            buckets.tryTake("busy", fivePerTwoSeconds);
        }
        buckets.tryTake("newcomer", fivePerTwoSeconds);
        assertThat(buckets.size()).isEqualTo(2);
        assertThat(buckets.tryTake("busy", fivePerTwoSeconds).allowed()).isFalse();
    }

    @Test
    void a_limit_needs_positive_numbers_and_a_capacity_that_holds_one_seconds_refill() {
        assertThatThrownBy(() -> new RateLimitProperties.Limit(0, 1)).hasMessageContaining("capacity >= 1");
        assertThatThrownBy(() -> new RateLimitProperties.Limit(5, 10)).hasMessageContaining("must be at least");
    }
}
