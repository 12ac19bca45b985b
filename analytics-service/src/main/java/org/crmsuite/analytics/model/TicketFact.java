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
                         Integer csat, Integer nps, Instant ratedAt, int reopenCount, Instant breachedAt) {

    /** Without the breach instant: read models stored before it was kept (a rebuild fills it). */
    public TicketFact(String ticketId, String number, String customerId, String subject, String type, String priority,
                      String queue, String assignee, String department, String channel, String status,
                      Instant openedAt, Instant firstRespondedAt, Instant resolvedAt, Instant closedAt,
                      List<Span> openPeriods, List<String> breachedTargets, boolean resolutionBreached,
                      Integer csat, Integer nps, Instant ratedAt, int reopenCount) {
        this(ticketId, number, customerId, subject, type, priority, queue, assignee, department, channel, status, openedAt,
                firstRespondedAt, resolvedAt, closedAt, openPeriods, breachedTargets, resolutionBreached, csat, nps, ratedAt,
                reopenCount, null);
    }

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

    /**
     * Whether a breach was known before the instant (a churn-risk or model feature at a past instant must not see a
     * later breach); without the breach instant (a read model stored before it was kept), any breach counts.
     */
    public boolean breachedBefore(Instant instant) {
        return breached() && (breachedAt == null || breachedAt.isBefore(instant));
    }
}
