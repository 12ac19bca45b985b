package org.crmsuite.notification.delivery;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTest {

    @Test
    void doublesUpToTheCapAndSpreadsByTheJitter() {
        Backoff middle = new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(1), 0.2, () -> 0.5);
        assertThat(middle.after(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(middle.after(2)).isEqualTo(Duration.ofSeconds(20));
        assertThat(middle.after(3)).isEqualTo(Duration.ofSeconds(40));
        assertThat(middle.after(9)).isEqualTo(Duration.ofMinutes(1));
        assertThat(new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(1), 0.2, () -> 0.0).after(1)).isEqualTo(Duration.ofSeconds(8));
        assertThat(new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(1), 0.2, () -> 1.0).after(1)).isEqualTo(Duration.ofSeconds(12));
    }
}
