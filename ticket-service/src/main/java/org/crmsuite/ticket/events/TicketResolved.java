package org.crmsuite.ticket.events;

import java.time.Instant;

/** The ticket is resolved; carries what service KPIs need (open time, first response, the SLA outcome). */
public record TicketResolved(String ticketId, String number, String customerId, String type, String priority, String queue,
                             String assignee, String resolution, String resolvedBy, Instant openedAt, Instant firstRespondedAt,
                             Instant resolvedAt, boolean resolutionBreached) implements TicketEvent {

    public static final String TYPE = "crm.ticket.resolved.v1";

    @Override
    public String eventType() {
        return TYPE;
    }
}
