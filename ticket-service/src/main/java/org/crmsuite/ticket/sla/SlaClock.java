package org.crmsuite.ticket.sla;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A ticket's SLA state, stored inside the ticket. Targets are business time; the due and warning instants (UTC) are
 * derived from them with the calendar: {@code due = calendar.plus(start, target + pausedBusiness)}. Time spent
 * waiting on the customer is added to {@code pausedBusiness} on resume, so a pause never loses or gains time.
 * Which warnings and breaches were raised is kept beside it on the ticket ({@code slaAlerts}), owned by the scheduler.
 *
 * @param policy          the policy that set the targets, e.g. {@code P1/STRATEGIC}
 * @param openedAt        start of the first-response clock
 * @param cycleStart      start of the resolution clock (the opening, or the last reopening)
 * @param pausedAt        non-null while the ticket waits on the customer
 * @param pausedBusiness  business time spent waiting on the customer in this cycle, before the due time
 * @param escalateAt      level ({@code L2}, {@code L3}, ...) → when a still unresolved ticket escalates to that level of
 *                        the escalation chain (level 1 is the breach itself); string keys so that each is a plain
 *                        subdocument field the scheduler can query and index ({@code sla.escalateAt.L3})
 */
public record SlaClock(String policy, Duration firstResponseTarget, Duration resolutionTarget, Instant openedAt,
                       Instant cycleStart, Duration pausedBusiness, Instant pausedAt,
                       Instant firstResponseDueAt, Instant firstResponseWarnAt, Instant resolutionDueAt, Instant resolutionWarnAt,
                       Map<String, Instant> escalateAt) {

    public SlaClock {
        escalateAt = escalateAt == null ? Map.of() : Map.copyOf(escalateAt);
    }

    /** The key of an escalation level in {@link #escalateAt()}. */
    public static String levelKey(int level) {
        return "L" + level;
    }

    /** When the ticket escalates to this level (2 or more), or null when the chain has no such level. */
    public Instant escalationAt(int level) {
        return escalateAt.get(levelKey(level));
    }

    public boolean paused() {
        return pausedAt != null;
    }
}
