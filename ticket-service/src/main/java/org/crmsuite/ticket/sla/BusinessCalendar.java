package org.crmsuite.ticket.sla;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * When the service desk works: one daily window (e.g. 09:00–18:00) on working days in one time zone, minus public
 * holidays, plus make-up working days (China moves weekend days around its holidays, 调休). Pure Java, so the
 * due-time arithmetic is tested as properties without Spring.
 */
public final class BusinessCalendar {

    /** A calendar with no working day for ten years is a configuration error, not a reason to loop forever. */
    private static final int MAX_DAYS_SEARCHED = 3_660;

    private final ZoneId zone;
    private final LocalTime opens;
    private final LocalTime closes;
    private final Set<DayOfWeek> workingDays;
    private final Set<LocalDate> holidays;
    private final Set<LocalDate> extraWorkingDays;

    public BusinessCalendar(ZoneId zone, LocalTime opens, LocalTime closes, Set<DayOfWeek> workingDays, Set<LocalDate> holidays,
                            Set<LocalDate> extraWorkingDays) {
        this.zone = Objects.requireNonNull(zone);
        this.opens = Objects.requireNonNull(opens);
        this.closes = Objects.requireNonNull(closes);
        if (!opens.isBefore(closes)) {
            throw new IllegalArgumentException("the working day must open (" + opens + ") before it closes (" + closes + ")");
        }
        this.workingDays = workingDays.isEmpty() ? EnumSet.noneOf(DayOfWeek.class) : EnumSet.copyOf(workingDays);
        this.holidays = Set.copyOf(holidays);
        this.extraWorkingDays = Set.copyOf(extraWorkingDays);
    }

    /** Every minute counts: for the round-the-clock SLAs of strategic customers' P1 tickets, and for tests. */
    public static BusinessCalendar twentyFourSeven(ZoneId zone) {
        return new BusinessCalendar(zone, LocalTime.MIN, LocalTime.MAX, EnumSet.allOf(DayOfWeek.class), Set.of(), Set.of());
    }

    public ZoneId zone() {
        return zone;
    }

    public boolean isWorkingDay(LocalDate date) {
        if (extraWorkingDays.contains(date)) {
            return true;
        }
        return workingDays.contains(date.getDayOfWeek()) && !holidays.contains(date);
    }

    /**
     * The earliest instant at which {@code amount} of business time has passed since {@code from}. Zero gives
     * {@code from} itself; otherwise the result lies inside a working window (or at its close).
     */
    public Instant plusBusinessTime(Instant from, Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("business time to add must not be negative: " + amount);
        }
        if (amount.isZero()) {
            return from;
        }
        Duration remaining = amount;
        ZonedDateTime t = from.atZone(zone);
        for (int day = 0; day < MAX_DAYS_SEARCHED; day++) {
            LocalDate date = t.toLocalDate();
            if (isWorkingDay(date)) {
                ZonedDateTime windowStart = windowStart(date);
                ZonedDateTime windowEnd = windowEnd(date);
                if (t.isBefore(windowStart)) {
                    t = windowStart;
                }
                if (t.isBefore(windowEnd)) {
                    Duration available = Duration.between(t, windowEnd);
                    if (remaining.compareTo(available) <= 0) {
                        return t.toInstant().plus(remaining);
                    }
                    remaining = remaining.minus(available);
                }
            }
            t = date.plusDays(1).atStartOfDay(zone);
        }
        throw new IllegalStateException("no working time within " + MAX_DAYS_SEARCHED + " days of " + from);
    }

    /** Business time between two instants (zero when {@code to} is not after {@code from}). */
    public Duration businessTimeBetween(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        Duration total = Duration.ZERO;
        LocalDate date = from.atZone(zone).toLocalDate();
        LocalDate last = to.atZone(zone).toLocalDate();
        for (; !date.isAfter(last); date = date.plusDays(1)) {
            if (!isWorkingDay(date)) {
                continue;
            }
            Instant start = max(from, windowStart(date).toInstant());
            Instant end = min(to, windowEnd(date).toInstant());
            if (end.isAfter(start)) {
                total = total.plus(Duration.between(start, end));
            }
        }
        return total;
    }

    private ZonedDateTime windowStart(LocalDate date) {
        return date.atTime(opens).atZone(zone);
    }

    /** LocalTime.MAX stands for midnight at the end of the day. */
    private ZonedDateTime windowEnd(LocalDate date) {
        return closes.equals(LocalTime.MAX) ? date.plusDays(1).atStartOfDay(zone) : date.atTime(closes).atZone(zone);
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
