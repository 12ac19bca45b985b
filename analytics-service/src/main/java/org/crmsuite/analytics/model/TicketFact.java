package org.crmsuite.analytics.model;

import java.time.Instant;
import java.util.List;

/**
 * A ticket as the service KPIs need it, folded from its events. {@code openPeriods} are the spans in which it was
 * open (reopening starts a new one; an open span has no end), for backlog and ageing at any instant.
 */
public record TicketFact(String ticketId, String number, String customerId, String subject, String type, String priority,
                         String queue, String assignee, String department, String channel, String status,
                         Instant openedAt, Instant firstRespondedAt, Instant resolvedAt, Instant closedAt,
                         List<Span> openPeriods, List<String> breachedTargets, boolean resolutionBreached,
                         Integer csat, Integer nps, Instant ratedAt, int reopenCount) {

    public record Span(Instant from, Instant to) {
        public boolean contains(Instant instant) {
            return !from.isAfter(instant) && (to == null || to.isAfter(instant));
        }
    }

    public boolean openAt(Instant instant) {
        return openPeriods.stream().anyMatch(span -> span.contains(instant));
    }

    public boolean isOpen() {
        return !"RESOLVED".equals(status) && !"CLOSED".equals(status);
    }

    public boolean breached() {
        return resolutionBreached || !breachedTargets.isEmpty();
    }
}
