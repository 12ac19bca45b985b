package org.crmsuite.ticket.sla;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Set;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

import static org.assertj.core.api.Assertions.assertThat;

/** Due-time arithmetic across nights, weekends, holidays and make-up working days, as properties. */
class BusinessCalendarPropertiesTest {

    static final Set<DayOfWeek> WEEKDAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
    /** National Day week 2026 and a make-up Saturday, plus New Year. */
    static final Set<LocalDate> HOLIDAYS = Set.of(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 2), LocalDate.of(2026, 10, 5),
            LocalDate.of(2026, 10, 6), LocalDate.of(2026, 10, 7), LocalDate.of(2027, 1, 1));
    static final Set<LocalDate> MAKE_UP = Set.of(LocalDate.of(2026, 10, 10));

    static BusinessCalendar calendar(ZoneId zone) {
        return new BusinessCalendar(zone, LocalTime.of(9, 0), LocalTime.of(18, 0), WEEKDAYS, HOLIDAYS, MAKE_UP);
    }

    static final BusinessCalendar SHANGHAI = calendar(ZoneId.of("Asia/Shanghai"));

    @Provide
    Arbitrary<BusinessCalendar> calendars() {
        return Arbitraries.of("Asia/Shanghai", "Europe/Berlin", "America/New_York").map(z -> calendar(ZoneId.of(z)));
    }

    /** Any instant from September 2026 to January 2027, so holidays, DST changes and year ends are crossed. */
    @Provide
    Arbitrary<Instant> instants() {
        long from = Instant.parse("2026-09-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("2027-01-31T00:00:00Z").getEpochSecond();
        return Arbitraries.longs().between(from, to).map(Instant::ofEpochSecond);
    }

    @Property
    void aDueTimeIsNeverEarlierThanTheNaiveDeadline(@ForAll("calendars") BusinessCalendar calendar, @ForAll("instants") Instant from,
                                                     @ForAll @LongRange(min = 0, max = 200 * 60) long minutes) {
        Duration target = Duration.ofMinutes(minutes);
        assertThat(calendar.plusBusinessTime(from, target)).isAfterOrEqualTo(from.plus(target));
    }

    @Property
    void exactlyTheTargetOfBusinessTimeLiesBetweenStartAndDue(@ForAll("calendars") BusinessCalendar calendar, @ForAll("instants") Instant from,
                                                              @ForAll @LongRange(min = 0, max = 200 * 60) long minutes) {
        Duration target = Duration.ofMinutes(minutes);
        assertThat(calendar.businessTimeBetween(from, calendar.plusBusinessTime(from, target))).isEqualTo(target);
    }

    @Property
    void aDueTimeFallsInsideWorkingHoursOfAWorkingDay(@ForAll("calendars") BusinessCalendar calendar, @ForAll("instants") Instant from,
                                                      @ForAll @LongRange(min = 1, max = 200 * 60) long minutes) {
        ZonedDateTime due = calendar.plusBusinessTime(from, Duration.ofMinutes(minutes)).atZone(calendar.zone());
        assertThat(calendar.isWorkingDay(due.toLocalDate())).isTrue();
        assertThat(due.toLocalTime()).isAfter(LocalTime.of(9, 0)).isBeforeOrEqualTo(LocalTime.of(18, 0));
    }

    @Property
    void moreTargetNeverGivesAnEarlierDueTime(@ForAll("calendars") BusinessCalendar calendar, @ForAll("instants") Instant from,
                                              @ForAll @LongRange(min = 0, max = 100 * 60) long a, @ForAll @LongRange(min = 0, max = 100 * 60) long b) {
        Instant dueA = calendar.plusBusinessTime(from, Duration.ofMinutes(Math.min(a, b)));
        Instant dueB = calendar.plusBusinessTime(from, Duration.ofMinutes(Math.max(a, b)));
        assertThat(dueA).isBeforeOrEqualTo(dueB);
    }

    @Property
    void businessTimeAddsUpOverConsecutiveSpans(@ForAll("calendars") BusinessCalendar calendar, @ForAll("instants") Instant a,
                                                @ForAll @LongRange(min = 0, max = 20 * 24 * 60) long m1, @ForAll @LongRange(min = 0, max = 20 * 24 * 60) long m2) {
        Instant b = a.plus(Duration.ofMinutes(m1));
        Instant c = b.plus(Duration.ofMinutes(m2));
        assertThat(calendar.businessTimeBetween(a, b).plus(calendar.businessTimeBetween(b, c))).isEqualTo(calendar.businessTimeBetween(a, c));
    }

    @Example
    void fridayAfternoonRollsOverTheWeekend() {
        Instant friday1700 = ZonedDateTime.of(2026, 11, 27, 17, 0, 0, 0, SHANGHAI.zone()).toInstant();
        assertThat(SHANGHAI.plusBusinessTime(friday1700, Duration.ofHours(2)))
                .isEqualTo(ZonedDateTime.of(2026, 11, 30, 10, 0, 0, 0, SHANGHAI.zone()).toInstant());
    }

    @Example
    void nationalDayIsSkippedAndTheMakeUpSaturdayCounts() {
        Instant sept30At1700 = ZonedDateTime.of(2026, 9, 30, 17, 0, 0, 0, SHANGHAI.zone()).toInstant();
        // 1 h on 30 Sep, then 1-2 Oct holidays, 3-4 weekend, 5-7 holidays, 8-9 Oct working: 9 h each, then Saturday 10 Oct.
        assertThat(SHANGHAI.plusBusinessTime(sept30At1700, Duration.ofHours(1 + 9 + 9 + 2)))
                .isEqualTo(ZonedDateTime.of(2026, 10, 10, 11, 0, 0, 0, SHANGHAI.zone()).toInstant());
    }

    @Example
    void aNightStartCountsFromTheNextMorning() {
        Instant night = ZonedDateTime.of(2026, 11, 24, 23, 30, 0, 0, SHANGHAI.zone()).toInstant();
        assertThat(SHANGHAI.plusBusinessTime(night, Duration.ofMinutes(30)))
                .isEqualTo(ZonedDateTime.of(2026, 11, 25, 9, 30, 0, 0, SHANGHAI.zone()).toInstant());
        assertThat(BusinessCalendar.twentyFourSeven(SHANGHAI.zone()).plusBusinessTime(night, Duration.ofMinutes(30)))
                .isEqualTo(night.plus(Duration.ofMinutes(30)));
    }
}
