package org.crmsuite.ticket.events;

import java.time.Instant;

/** A new ticket exists. The description stays in the service (it may hold personal data); the subject travels as {@code ticketSubject} ({@code subject} is the envelope's aggregate id). */
public record TicketOpened(String ticketId, String number, String customerId, String contactId, String channel, String type, String category,
                           String priority, String ticketSubject, String status, String queue, String department, String assignee,
                           String openedBy, Instant openedAt, Instant firstResponseDueAt, Instant resolutionDueAt) implements TicketEvent {

    public static final String TYPE = "crm.ticket.opened.v1";

    @Override
    public String eventType() {
        return TYPE;
    }
}
