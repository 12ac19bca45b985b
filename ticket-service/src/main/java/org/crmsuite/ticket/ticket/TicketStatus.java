package org.crmsuite.ticket.ticket;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a ticket is in its life. The allowed moves are the whole flow: new → assigned → in progress ⇄ waiting on
 * customer → resolved → closed, and resolved → reopened → in progress again. {@code CLOSED} is final, as in
 * Zendesk: a customer who writes after closure gets a follow-up ticket, so closed-ticket reports never change.
 */
public enum TicketStatus {
    NEW, ASSIGNED, IN_PROGRESS, WAITING_ON_CUSTOMER, RESOLVED, CLOSED, REOPENED;

    /** The statuses this one may move to by an explicit status change (assignment moves NEW to ASSIGNED). */
    public Set<TicketStatus> next() {
        return switch (this) {
            case NEW -> EnumSet.of(ASSIGNED);
            case ASSIGNED -> EnumSet.of(IN_PROGRESS, WAITING_ON_CUSTOMER, RESOLVED);
            case IN_PROGRESS -> EnumSet.of(WAITING_ON_CUSTOMER, RESOLVED);
            case WAITING_ON_CUSTOMER -> EnumSet.of(IN_PROGRESS, RESOLVED);
            case RESOLVED -> EnumSet.of(CLOSED, REOPENED);
            case CLOSED -> EnumSet.noneOf(TicketStatus.class);
            case REOPENED -> EnumSet.of(IN_PROGRESS, WAITING_ON_CUSTOMER, RESOLVED);
        };
    }

    public boolean canMoveTo(TicketStatus target) {
        return next().contains(target);
    }

    /** Still being worked: counts towards backlog, SLA clocks and the customer's open tickets. */
    public boolean isOpen() {
        return this != RESOLVED && this != CLOSED;
    }
}
