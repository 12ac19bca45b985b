package org.crmsuite.ticket.events;

import java.time.Instant;

/** A public comment, visible to the customer. Internal comments are never published. */
public record TicketCommented(String ticketId, String number, String customerId, String commentId, String author, String body,
                              Instant commentedAt) implements TicketEvent {

    public static final String TYPE = "crm.ticket.commented.v1";

    @Override
    public String eventType() {
        return TYPE;
    }
}
