package org.crmsuite.platform.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class AdjustableClockTest {

    private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");
    private final AdjustableClock clock = new AdjustableClock(Clock.fixed(T0, ZoneOffset.UTC));

    @Test
    void movesForwardAndEveryZoneViewFollows() {
        Clock shanghai = clock.withZone(ZoneId.of("Asia/Shanghai"));
        clock.advance(Duration.ofHours(4));
        clock.advance(Duration.ofMinutes(30));
        assertThat(clock.instant()).isEqualTo(T0.plus(Duration.ofMinutes(270)));
        assertThat(shanghai.instant()).isEqualTo(clock.instant());
        assertThat(shanghai.getZone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
    }

    @Test
    void neverGoesBack() {
        assertThatIllegalArgumentException().isThrownBy(() -> clock.advance(Duration.ofMinutes(-1)));
        assertThat(clock.instant()).isEqualTo(T0);
    }

    @Test
    void theEndpointParsesIsoDurations() {
        ClockEndpoint endpoint = new ClockEndpoint(clock);
        assertThat(endpoint.advance("P1DT2H")).containsEntry("offset", "PT26H");
        assertThatIllegalArgumentException().isThrownBy(() -> endpoint.advance("four hours"));
    }
}
