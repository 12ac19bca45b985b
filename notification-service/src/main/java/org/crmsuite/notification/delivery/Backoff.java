package org.crmsuite.notification.delivery;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * The pause before the next attempt: {@code initial × 2^(failures-1)}, capped, then spread by ± jitter so that many
 * deliveries failing together (a receiver down) do not all come back at the same instant.
 */
public record Backoff(Duration initial, Duration max, double jitter, DoubleSupplier random) {

    public Duration after(int failures) {
        double base = Math.min(max.toMillis(), initial.toMillis() * Math.pow(2, Math.max(0, failures - 1)));
        double spread = 1 + jitter * (random.getAsDouble() * 2 - 1);
        return Duration.ofMillis(Math.max(1, Math.round(base * spread)));
    }
}
