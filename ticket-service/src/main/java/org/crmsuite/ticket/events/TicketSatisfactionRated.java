package org.crmsuite.ticket.events;

import java.time.Instant;

/**
 * The customer rated the service of a ticket. The free-text comment stays in ticket-service (it may hold personal
 * data); {@code followUpAssignee} is set when a poorly rated complaint opened a follow-up task.
 */
public record TicketSatisfactionRated(String ticketId, String number, String customerId, String type, String queue, String assignee,
                                      int csat, Integer nps, boolean hasComment, String followUpAssignee, Instant ratedAt) implements TicketEvent {

    public static final String TYPE = "crm.ticket.satisfaction-rated.v1";

    @Override
    public String eventType() {
        return TYPE;
    }
}
