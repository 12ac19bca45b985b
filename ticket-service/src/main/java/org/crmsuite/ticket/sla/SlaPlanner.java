package org.crmsuite.ticket.sla;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The SLA rules as plain functions of the calendar: start a clock, pause it while the ticket waits on the customer,
 * resume it, restart the resolution clock on reopening, and re-target it when the priority or the tier changes.
 * Every due time is {@code calendar.plus(start, target + pausedBusiness)}, one formula for all cases.
 */
public final class SlaPlanner {

    private final BusinessCalendar calendar;
    /** Share of a target after which a warning is raised, e.g. 0.75. */
    private final double warningShare;
    /**
     * Multiples of the resolution target after which an unresolved ticket escalates further, for levels 2, 3, ...
     * (level 1 is the breach), e.g. [1.5, 2.0]; strictly increasing, each above 1.
     */
    private final List<Double> escalationShares;

    public SlaPlanner(BusinessCalendar calendar, double warningShare) {
        this(calendar, warningShare, List.of(1.5));
    }

    public SlaPlanner(BusinessCalendar calendar, double warningShare, List<Double> escalationShares) {
        if (!(warningShare > 0 && warningShare < 1)) {
            throw new IllegalArgumentException("the SLA warning share must lie between 0 and 1, not " + warningShare);
        }
        double previous = 1;
        for (double share : escalationShares) {
            if (!(share > previous)) {
                throw new IllegalArgumentException("each further escalation must come after the breach and the level before it "
                        + "(strictly increasing shares above 1), not " + escalationShares);
            }
            previous = share;
        }
        this.calendar = Objects.requireNonNull(calendar);
        this.warningShare = warningShare;
        this.escalationShares = List.copyOf(escalationShares);
    }

    public BusinessCalendar calendar() {
        return calendar;
    }

    public SlaClock start(SlaPolicy policy, Instant openedAt) {
        return schedule(new SlaClock(policy.name(), policy.firstResponse(), policy.resolution(), openedAt, openedAt,
                Duration.ZERO, null, null, null, null, null, null));
    }

    /** Waiting on the customer: the clock stops; due times stay as they are until it resumes. */
    public SlaClock pause(SlaClock c, Instant at) {
        if (c.paused()) {
            return c;
        }
        return new SlaClock(c.policy(), c.firstResponseTarget(), c.resolutionTarget(), c.openedAt(), c.cycleStart(),
                c.pausedBusiness(), at, c.firstResponseDueAt(), c.firstResponseWarnAt(), c.resolutionDueAt(), c.resolutionWarnAt(),
                c.escalateAt());
    }

    /**
     * The customer answered: the business time of the pause is added, unless the pause began after the resolution
     * was already due (a breached ticket does not heal by waiting).
     */
    public SlaClock resume(SlaClock c, Instant at) {
        if (!c.paused()) {
            return c;
        }
        Duration paused = c.pausedAt().isBefore(c.resolutionDueAt()) ? calendar.businessTimeBetween(c.pausedAt(), at) : Duration.ZERO;
        return schedule(new SlaClock(c.policy(), c.firstResponseTarget(), c.resolutionTarget(), c.openedAt(), c.cycleStart(),
                c.pausedBusiness().plus(paused), null, null, null, null, null, null));
    }

    /** Reopened: a new resolution cycle with the full target (the ticket also forgets the old cycle's resolution alerts). */
    public SlaClock restart(SlaClock c, Instant at) {
        return schedule(new SlaClock(c.policy(), c.firstResponseTarget(), c.resolutionTarget(), c.openedAt(), at, Duration.ZERO, null,
                null, null, null, null, null));
    }

    /** New priority or tier: new targets from the same starts (alerts already raised stay raised). */
    public SlaClock retarget(SlaClock c, SlaPolicy policy) {
        return schedule(new SlaClock(policy.name(), policy.firstResponse(), policy.resolution(), c.openedAt(), c.cycleStart(),
                c.pausedBusiness(), c.pausedAt(), null, null, null, null, null));
    }

    private SlaClock schedule(SlaClock c) {
        Instant firstResponseDue = calendar.plusBusinessTime(c.openedAt(), c.firstResponseTarget().plus(c.pausedBusiness()));
        Instant firstResponseWarn = calendar.plusBusinessTime(c.openedAt(), share(c.firstResponseTarget()).plus(c.pausedBusiness()));
        Instant resolutionDue = calendar.plusBusinessTime(c.cycleStart(), c.resolutionTarget().plus(c.pausedBusiness()));
        Instant resolutionWarn = calendar.plusBusinessTime(c.cycleStart(), share(c.resolutionTarget()).plus(c.pausedBusiness()));
        Map<String, Instant> escalateAt = new LinkedHashMap<>();
        for (int i = 0; i < escalationShares.size(); i++) {
            Duration after = Duration.ofSeconds((long) Math.floor(c.resolutionTarget().toSeconds() * escalationShares.get(i)));
            escalateAt.put(SlaClock.levelKey(i + 2), calendar.plusBusinessTime(c.cycleStart(), after.plus(c.pausedBusiness())));
        }
        return new SlaClock(c.policy(), c.firstResponseTarget(), c.resolutionTarget(), c.openedAt(), c.cycleStart(),
                c.pausedBusiness(), c.pausedAt(), firstResponseDue, firstResponseWarn, resolutionDue, resolutionWarn,
                escalateAt);
    }

    private Duration share(Duration target) {
        return Duration.ofSeconds((long) Math.floor(target.toSeconds() * warningShare));
    }
}
