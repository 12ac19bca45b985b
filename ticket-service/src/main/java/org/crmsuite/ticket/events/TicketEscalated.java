package org.crmsuite.ticket.events;

import java.time.Instant;

/** A breach escalates to the queue's manager (level 1); notification-service tells them. */
public record TicketEscalated(String ticketId, String number, String customerId, int level, String escalatedTo, String reason,
                              String queue, String assignee, Instant escalatedAt) implements TicketEvent {

    public static final String TYPE = "crm.ticket.escalated.v1";

    @Override
    public String eventType() {
        return TYPE;
    }
}
