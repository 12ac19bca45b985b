package org.crmsuite.analytics.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * Everything that happened to a customer, folded from the events of the customer and of every customer merged into
 * it. A merged-away customer keeps only {@code mergedInto}. Pure data; access rules and masking are the API's.
 * <p>
 * The timeline is not in the document (it grew with every event, and every refold rewrote it whole): {@code eventKeys}
 * names the event streams it is read from when the 360 is viewed ({@link Customer360Fold#timeline}).
 */
public record Customer360(String customerId, String mergedInto, List<String> mergedCustomerIds, CustomerProfile profile,
                          @JsonIgnore List<TicketFact> openTickets, @JsonIgnore List<TicketFact> recentTickets, int ticketCount,
                          @JsonIgnore List<Rating> satisfaction, Double csatAverage, Pipeline pipeline,
                          List<OrderFact> orders, BigDecimal orderTotal, List<InvoiceFact> invoices, BigDecimal overdueAmount,
                          Instant lastContactAt, List<String> eventKeys,
                          List<TicketFact> tickets, List<OpportunityFact> opportunities) {

    /**
     * The open and recent tickets, the ratings and the open opportunities are derived from {@code tickets} and
     * {@code opportunities}: not stored (they doubled the document every 360 pass encodes and writes), derived here
     * when null, as when a stored 360 is read.
     */
    public Customer360 {
        if (tickets != null) {
            openTickets = openTickets != null ? openTickets : Customer360Fold.openTickets(tickets);
            recentTickets = recentTickets != null ? recentTickets : Customer360Fold.recentTickets(tickets);
            satisfaction = satisfaction != null ? satisfaction : Customer360Fold.ratings(tickets);
        }
        if (pipeline != null && pipeline.open() == null && opportunities != null) {
            pipeline = new Pipeline(pipeline.openCount(), pipeline.openValue(), pipeline.weightedValue(), pipeline.wonCount(),
                    pipeline.wonRevenue(), pipeline.lostCount(), Customer360Fold.openOpportunities(opportunities));
        }
    }

    public record Rating(String ticketId, String number, int csat, Integer nps, Instant ratedAt) {
    }

    public record Pipeline(int openCount, BigDecimal openValue, BigDecimal weightedValue, int wonCount,
                           BigDecimal wonRevenue, int lostCount, @JsonIgnore List<OpportunityFact> open) {
    }

    /** One line of the timeline: when, what (the event type), a short text without personal data, the event id. */
    public record TimelineEntry(Instant at, String type, String summary, String customerId, String eventId) {
    }

    public static Customer360 mergedAway(String customerId, String survivorId) {
        return new Customer360(customerId, survivorId, List.of(), null, List.of(), List.of(), 0, List.of(), null,
                new Pipeline(0, BigDecimal.ZERO, BigDecimal.ZERO, 0, BigDecimal.ZERO, 0, List.of()), List.of(),
                BigDecimal.ZERO, List.of(), BigDecimal.ZERO, null, List.of(), List.of(), List.of());
    }
}
