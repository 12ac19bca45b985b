package org.crmsuite.ticket.events;

import java.time.Instant;

/** A resolved ticket is worked again. */
public record TicketReopened(String ticketId, String number, String customerId, String reason, String reopenedBy, Instant reopenedAt,
                             int reopenCount) implements TicketEvent {

    public static final String TYPE = "crm.ticket.reopened.v1";

    @Override
    public String eventType() {
        return TYPE;
    }
}
