package org.crmsuite.analytics.model;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;

import org.crmsuite.analytics.event.AnalyticsEvent;
import org.crmsuite.analytics.event.EventOrder;

/** The customer 360 as a pure function of the events of a customer and the customers merged into it. */
public final class Customer360Fold {

    public static final int RECENT_TICKETS = 10;

    /**
     * @param eventKeys the stream keys the events were read from (the members' {@code customer:} and {@code uscc:} keys),
     *                  kept so the timeline can be read from them when the 360 is viewed
     */
    public static Customer360 fold(String customerId, Set<String> mergedCustomerIds, CustomerProfile profile,
                                   List<AnalyticsEvent> events, List<String> eventKeys) {
        List<AnalyticsEvent> history = EventOrder.sorted(events);
        List<TicketFact> tickets = facts(history, "crm.ticket.", "ticketId", Folds::ticket);
        List<OpportunityFact> opportunities = facts(history, "crm.opportunity.", "opportunityId", Folds::opportunity);
        List<OrderFact> orders = facts(history, "erp.order.", "orderId", Folds::order);
        List<InvoiceFact> invoices = facts(history, "finance.invoice.", "invoiceId", Folds::invoice);
        return assemble(customerId, mergedCustomerIds, profile, tickets, opportunities, orders, invoices, eventKeys);
    }

    /**
     * The 360 from the customer's facts (each folded from its entity's events among the customer's, in id order):
     * what {@link #fold} does after grouping the history, and what {@link Customer360State} does with the facts it kept.
     */
    static Customer360 assemble(String customerId, Set<String> mergedCustomerIds, CustomerProfile profile, List<TicketFact> tickets,
                                List<OpportunityFact> opportunities, List<OrderFact> orders, List<InvoiceFact> invoices,
                                List<String> eventKeys) {
        List<TicketFact> open = openTickets(tickets);
        List<TicketFact> recent = recentTickets(tickets);
        List<Customer360.Rating> ratings = ratings(tickets);
        Double csat = ratings.isEmpty() ? null : ratings.stream().mapToInt(Customer360.Rating::csat).average().orElse(0);

        List<OpportunityFact> openOpps = openOpportunities(opportunities);
        BigDecimal openValue = sum(openOpps.stream().map(OpportunityFact::amount).toList());
        BigDecimal weighted = sum(openOpps.stream().map(Customer360Fold::weighted).toList());
        List<OpportunityFact> won = opportunities.stream().filter(o -> OpportunityFact.WON.equals(o.outcome())).toList();
        int lost = (int) opportunities.stream().filter(o -> OpportunityFact.LOST.equals(o.outcome())).count();
        Customer360.Pipeline pipeline = new Customer360.Pipeline(openOpps.size(), openValue, weighted, won.size(),
                sum(won.stream().map(OpportunityFact::amount).toList()), lost, openOpps);

        List<OrderFact> sortedOrders = orders.stream()
                .sorted(Comparator.comparing(OrderFact::orderedAt, Comparator.nullsLast(Comparator.naturalOrder()))).toList();
        BigDecimal orderTotal = sum(sortedOrders.stream().filter(o -> !o.cancelled()).map(OrderFact::amount).toList());
        List<InvoiceFact> sortedInvoices = invoices.stream()
                .sorted(Comparator.comparing(InvoiceFact::issuedAt, Comparator.nullsLast(Comparator.naturalOrder()))).toList();
        BigDecimal overdue = sum(sortedInvoices.stream().filter(InvoiceFact::overdue)
                .map(i -> i.amountDue() != null ? i.amountDue() : i.amount()).toList());

        return new Customer360(customerId, null, List.copyOf(new java.util.TreeSet<>(mergedCustomerIds)), profile, open, recent,
                tickets.size(), ratings, csat, pipeline, sortedOrders, orderTotal, sortedInvoices, overdue,
                ChurnRules.lastContact(tickets, opportunities, orders), List.copyOf(eventKeys), tickets, opportunities);
    }

    /**
     * The newest {@code limit} lines of the timeline of a customer (its own events and those of the customers merged
     * into it, each once), newest first; events of the same instant keep the fold's order reversed.
     */
    public static List<Customer360.TimelineEntry> timeline(String customerId, Collection<AnalyticsEvent> events, int limit) {
        Map<String, AnalyticsEvent> distinct = new java.util.LinkedHashMap<>();
        events.forEach(event -> distinct.putIfAbsent(event.id(), event));
        List<Customer360.TimelineEntry> timeline = new ArrayList<>(distinct.size());
        for (AnalyticsEvent e : EventOrder.sorted(List.copyOf(distinct.values()))) {
            timeline.add(new Customer360.TimelineEntry(e.time(), e.type(), Timeline.summary(e), owner(e, customerId), e.id()));
        }
        return timeline.stream().sorted(Comparator.comparing(Customer360.TimelineEntry::at).reversed()).limit(limit).toList();
    }

    // the lists below are derived from the 360's tickets and opportunities: the stored 360 leaves them out and
    // Customer360's constructor derives them again when read (they were ~45 % of a stored 360, duplicates)

    static List<TicketFact> openTickets(List<TicketFact> tickets) {
        return tickets.stream().filter(TicketFact::isOpen)
                .sorted(Comparator.comparing(TicketFact::openedAt, Comparator.nullsLast(Comparator.naturalOrder()))).toList();
    }

    static List<TicketFact> recentTickets(List<TicketFact> tickets) {
        return tickets.stream().filter(t -> !t.isOpen())
                .sorted(Comparator.comparing(Customer360Fold::lastTouched, Comparator.nullsLast(Comparator.reverseOrder())))
                .limit(RECENT_TICKETS).toList();
    }

    static List<Customer360.Rating> ratings(List<TicketFact> tickets) {
        return tickets.stream().filter(t -> t.csat() != null)
                .map(t -> new Customer360.Rating(t.ticketId(), t.number(), t.csat(), t.nps(), t.ratedAt()))
                .sorted(Comparator.comparing(Customer360.Rating::ratedAt, Comparator.nullsLast(Comparator.naturalOrder()))).toList();
    }

    static List<OpportunityFact> openOpportunities(List<OpportunityFact> opportunities) {
        return opportunities.stream().filter(o -> OpportunityFact.OPEN.equals(o.outcome())).toList();
    }

    static Instant lastTouched(TicketFact t) {
        return t.closedAt() != null ? t.closedAt() : t.resolvedAt() != null ? t.resolvedAt() : t.openedAt();
    }

    private static String owner(AnalyticsEvent e, String fallback) {
        String id = e.text("customerId");
        return id != null ? id : fallback;
    }

    static BigDecimal weighted(OpportunityFact o) {
        return o.amount() == null ? null
                : o.amount().multiply(BigDecimal.valueOf(o.probability())).divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP);
    }

    static BigDecimal sum(List<BigDecimal> values) {
        return values.stream().filter(java.util.Objects::nonNull).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** The events of a history grouped by one entity's id (events of {@code prefix} types), each group folded. */
    public static <T> List<T> facts(List<AnalyticsEvent> history, String prefix, String idField,
                                    BiFunction<String, List<AnalyticsEvent>, T> fold) {
        Map<String, List<AnalyticsEvent>> byId = new TreeMap<>();
        for (AnalyticsEvent e : history) {
            String id = e.text(idField);
            if (e.type().startsWith(prefix) && id != null) {
                byId.computeIfAbsent(id, k -> new ArrayList<>()).add(e);
            }
        }
        List<T> facts = new ArrayList<>();
        byId.forEach((id, events) -> {
            T fact = fold.apply(id, events);
            if (fact != null) {
                facts.add(fact);
            }
        });
        return facts;
    }

    private Customer360Fold() {
    }
}
