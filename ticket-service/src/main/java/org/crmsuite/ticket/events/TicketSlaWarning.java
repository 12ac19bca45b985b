package org.crmsuite.ticket.events;

import java.time.Instant;

/** A share of an SLA target is used up (first response or resolution); the assignee should hurry. */
public record TicketSlaWarning(String ticketId, String number, String customerId, String target, String policy, String priority,
                               String queue, String assignee, Instant dueAt, Instant warnedAt) implements TicketEvent {

    public static final String TYPE = "crm.ticket.sla-warning.v1";

    @Override
    public String eventType() {
        return TYPE;
    }
}
