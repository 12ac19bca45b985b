package org.crmsuite.ticket.sla;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

import static org.assertj.core.api.Assertions.assertThat;

/** Pausing while waiting on the customer, resuming, re-targeting and reopening never lose or gain business time. */
class SlaPlannerPropertiesTest {

    static final BusinessCalendar CALENDAR = BusinessCalendarPropertiesTest.calendar(ZoneId.of("Asia/Shanghai"));
    static final SlaPlanner PLANNER = new SlaPlanner(CALENDAR, 0.75);
    static final SlaPolicy P2 = new SlaPolicy("P2/default", Duration.ofHours(2), Duration.ofHours(8));

    @Provide
    Arbitrary<Instant> instants() {
        long from = Instant.parse("2026-09-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("2026-12-31T00:00:00Z").getEpochSecond();
        return Arbitraries.longs().between(from, to).map(Instant::ofEpochSecond);
    }

    @Property
    void aStartedClockIsDueAfterExactlyItsTargetsAndWarnsBefore(@ForAll("instants") Instant opened) {
        SlaClock clock = PLANNER.start(P2, opened);
        assertThat(CALENDAR.businessTimeBetween(opened, clock.resolutionDueAt())).isEqualTo(Duration.ofHours(8));
        assertThat(CALENDAR.businessTimeBetween(opened, clock.firstResponseDueAt())).isEqualTo(Duration.ofHours(2));
        assertThat(CALENDAR.businessTimeBetween(opened, clock.resolutionWarnAt())).isEqualTo(Duration.ofHours(6));
        assertThat(clock.resolutionWarnAt()).isBeforeOrEqualTo(clock.resolutionDueAt());
        assertThat(clock.resolutionDueAt()).isAfterOrEqualTo(opened.plus(Duration.ofHours(8)));
        assertThat(CALENDAR.businessTimeBetween(opened, clock.escalationAt(2))).isEqualTo(Duration.ofHours(12));
    }

    @Property
    void pausingAndResumingKeepsTheRemainingBusinessTime(@ForAll("instants") Instant opened,
                                                         @ForAll @LongRange(min = 0, max = 30 * 24 * 60) long untilPause,
                                                         @ForAll @LongRange(min = 0, max = 30 * 24 * 60) long pauseLength) {
        SlaClock started = PLANNER.start(P2, opened);
        Instant pausedAt = opened.plus(Duration.ofMinutes(untilPause));
        Instant resumedAt = pausedAt.plus(Duration.ofMinutes(pauseLength));

        SlaClock resumed = PLANNER.resume(PLANNER.pause(started, pausedAt), resumedAt);

        if (pausedAt.isBefore(started.resolutionDueAt())) {
            Duration leftAtPause = CALENDAR.businessTimeBetween(pausedAt, started.resolutionDueAt());
            assertThat(CALENDAR.businessTimeBetween(resumedAt, resumed.resolutionDueAt())).isEqualTo(leftAtPause);
            Duration worked = CALENDAR.businessTimeBetween(opened, resumed.resolutionDueAt())
                    .minus(CALENDAR.businessTimeBetween(pausedAt, resumedAt));
            assertThat(worked).isEqualTo(P2.resolution());
            assertThat(resumed.resolutionDueAt()).isAfterOrEqualTo(started.resolutionDueAt());
        } else {
            // A breached ticket does not heal by waiting on the customer.
            assertThat(resumed.resolutionDueAt()).isEqualTo(started.resolutionDueAt());
        }
        assertThat(resumed.paused()).isFalse();
    }

    @Property
    void severalPausesAddUp(@ForAll("instants") Instant opened, @ForAll @LongRange(min = 0, max = 3 * 60) long work1,
                            @ForAll @LongRange(min = 0, max = 5 * 24 * 60) long pause1, @ForAll @LongRange(min = 0, max = 3 * 60) long work2,
                            @ForAll @LongRange(min = 0, max = 5 * 24 * 60) long pause2) {
        SlaClock clock = PLANNER.start(P2, opened);
        Instant p1 = opened.plus(Duration.ofMinutes(work1));
        Instant r1 = p1.plus(Duration.ofMinutes(pause1));
        Instant p2 = r1.plus(Duration.ofMinutes(work2));
        Instant r2 = p2.plus(Duration.ofMinutes(pause2));
        clock = PLANNER.resume(PLANNER.pause(clock, p1), r1);
        boolean secondPauseBeforeDue = p2.isBefore(clock.resolutionDueAt());
        clock = PLANNER.resume(PLANNER.pause(clock, p2), r2);

        Duration paused = CALENDAR.businessTimeBetween(p1, r1).plus(secondPauseBeforeDue ? CALENDAR.businessTimeBetween(p2, r2) : Duration.ZERO);
        assertThat(clock.pausedBusiness()).isEqualTo(paused);
        assertThat(CALENDAR.businessTimeBetween(opened, clock.resolutionDueAt())).isEqualTo(P2.resolution().plus(paused));
    }

    @Property
    void retargetingKeepsTheStartAndThePauses(@ForAll("instants") Instant opened, @ForAll @LongRange(min = 0, max = 240) long untilPause,
                                              @ForAll @LongRange(min = 0, max = 3 * 24 * 60) long pauseLength) {
        SlaClock clock = PLANNER.resume(PLANNER.pause(PLANNER.start(P2, opened), opened.plus(Duration.ofMinutes(untilPause))),
                opened.plus(Duration.ofMinutes(untilPause + pauseLength)));
        SlaPolicy p1 = new SlaPolicy("P1/default", Duration.ofHours(1), Duration.ofHours(4));
        SlaClock retargeted = PLANNER.retarget(clock, p1);
        assertThat(CALENDAR.businessTimeBetween(opened, retargeted.resolutionDueAt()))
                .isEqualTo(p1.resolution().plus(clock.pausedBusiness()));
        assertThat(retargeted.policy()).isEqualTo("P1/default");
    }

    @Example
    void reopeningStartsAFreshResolutionCycle() {
        Instant opened = Instant.parse("2026-11-23T02:00:00Z");
        SlaClock clock = PLANNER.start(P2, opened);
        Instant reopened = Instant.parse("2026-11-25T02:00:00Z");
        SlaClock restarted = PLANNER.restart(clock, reopened);
        assertThat(CALENDAR.businessTimeBetween(reopened, restarted.resolutionDueAt())).isEqualTo(Duration.ofHours(8));
        assertThat(restarted.cycleStart()).isEqualTo(reopened);
        assertThat(restarted.openedAt()).isEqualTo(opened);
    }
}
