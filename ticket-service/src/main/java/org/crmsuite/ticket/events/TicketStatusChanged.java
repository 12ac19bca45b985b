package org.crmsuite.ticket.events;

import java.time.Instant;

/** Every status move, also those that have their own event (resolved, closed, reopened), so a consumer can follow the flow from one type. */
public record TicketStatusChanged(String ticketId, String number, String customerId, String from, String to, String reason,
                                  String changedBy, Instant changedAt) implements TicketEvent {

    public static final String TYPE = "crm.ticket.status-changed.v1";

    @Override
    public String eventType() {
        return TYPE;
    }
}
