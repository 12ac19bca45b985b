package org.crmsuite.ticket.events;

import java.time.Instant;

/** An SLA target was missed (first response or resolution). */
public record TicketSlaBreached(String ticketId, String number, String customerId, String target, String policy, String priority,
                                String queue, String assignee, Instant dueAt, Instant breachedAt) implements TicketEvent {

    public static final String TYPE = "crm.ticket.sla-breached.v1";

    @Override
    public String eventType() {
        return TYPE;
    }
}
