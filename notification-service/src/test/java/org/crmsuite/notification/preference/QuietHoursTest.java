package org.crmsuite.notification.preference;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QuietHoursTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    final QuietHours night = new QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 30));

    @Test
    void aMessageInTheEveningWaitsUntilTheNextMorningInTheUsersZone() {
        // 23:00 in Shanghai = 15:00Z
        assertThat(night.releaseTime(Instant.parse("2026-03-01T15:00:00Z"), SHANGHAI)).isEqualTo(Instant.parse("2026-03-01T23:30:00Z"));
    }

    @Test
    void aMessageAfterMidnightWaitsUntilTheSameMorning() {
        // 03:00 in Shanghai on 2 March = 19:00Z on 1 March
        assertThat(night.releaseTime(Instant.parse("2026-03-01T19:00:00Z"), SHANGHAI)).isEqualTo(Instant.parse("2026-03-01T23:30:00Z"));
    }

    @Test
    void outsideTheQuietHoursItGoesNow() {
        Instant noon = Instant.parse("2026-03-01T04:00:00Z");
        assertThat(night.releaseTime(noon, SHANGHAI)).isEqualTo(noon);
        assertThat(new QuietHours(LocalTime.of(12, 0), LocalTime.of(14, 0)).releaseTime(noon, SHANGHAI)).isEqualTo(Instant.parse("2026-03-01T06:00:00Z"));
        assertThat(new QuietHours(LocalTime.NOON, LocalTime.NOON).releaseTime(noon, SHANGHAI)).isEqualTo(noon);
    }
}
