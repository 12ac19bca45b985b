package org.crmsuite.ticket.events;

import java.time.Instant;

/** The ticket is closed for good. */
public record TicketClosed(String ticketId, String number, String customerId, String closedBy, Instant closedAt) implements TicketEvent {

    public static final String TYPE = "crm.ticket.closed.v1";

    @Override
    public String eventType() {
        return TYPE;
    }
}
