package org.crmsuite.ticket.events;

import java.time.Instant;

/** The ticket has a (new) queue and/or assignee; the previous ones are given so a consumer can move counts. */
public record TicketAssigned(String ticketId, String number, String customerId, String queue, String assignee, String previousQueue,
                             String previousAssignee, String assignedBy, Instant assignedAt) implements TicketEvent {

    public static final String TYPE = "crm.ticket.assigned.v1";

    @Override
    public String eventType() {
        return TYPE;
    }
}
