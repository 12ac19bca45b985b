package org.crmsuite.analytics.model;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Transparent churn-risk rules, each adding points (capped at 100):
 * <ul>
 *   <li>FALLING_ORDER_FREQUENCY (30): fewer orders in the last window than half of the window before (which had 2+);</li>
 *   <li>OPEN_COMPLAINTS (20): an open ticket of type COMPLAINT;</li>
 *   <li>LOW_CSAT (20): the average of the last three ratings below 3;</li>
 *   <li>SLA_BREACHES (15): a ticket opened within the window breached an SLA;</li>
 *   <li>OVERDUE_INVOICES (15): an invoice is overdue and unpaid;</li>
 *   <li>NO_CONTACT (20): no ticket, opportunity or order for {@code noContactDays}.</li>
 * </ul>
 */
public final class ChurnRules {

    public record Settings(int windowDays, int noContactDays) {
        public static final Settings DEFAULT = new Settings(90, 60);
    }

    public static ChurnRisk assess(String customerId, List<TicketFact> tickets, List<OpportunityFact> opportunities,
                                   List<OrderFact> orders, List<InvoiceFact> invoices, Instant asOf, Settings settings) {
        List<ChurnRisk.Reason> reasons = new ArrayList<>();
        Duration window = Duration.ofDays(settings.windowDays());
        Instant recentFrom = asOf.minus(window);
        Instant previousFrom = recentFrom.minus(window);
        long recent = orders.stream().filter(o -> !o.cancelled() && in(o.orderedAt(), recentFrom, asOf)).count();
        long previous = orders.stream().filter(o -> !o.cancelled() && in(o.orderedAt(), previousFrom, recentFrom)).count();
        if (previous >= 2 && recent * 2 < previous) {
            reasons.add(new ChurnRisk.Reason("FALLING_ORDER_FREQUENCY", 30,
                    recent + " orders in the last " + settings.windowDays() + " days after " + previous + " before"));
        }
        long complaints = tickets.stream().filter(t -> "COMPLAINT".equals(t.type()) && t.openAt(asOf)).count();
        if (complaints > 0) {
            reasons.add(new ChurnRisk.Reason("OPEN_COMPLAINTS", 20, complaints + " open complaint(s)"));
        }
        List<Integer> lastRatings = tickets.stream().filter(t -> t.csat() != null && t.ratedAt() != null && !t.ratedAt().isAfter(asOf))
                .sorted(Comparator.comparing(TicketFact::ratedAt).reversed()).limit(3).map(TicketFact::csat).toList();
        if (!lastRatings.isEmpty()) {
            double average = lastRatings.stream().mapToInt(Integer::intValue).average().orElse(5);
            if (average < 3) {
                reasons.add(new ChurnRisk.Reason("LOW_CSAT", 20, String.format(java.util.Locale.ROOT,
                        "CSAT %.1f over the last %d rating(s)", average, lastRatings.size())));
            }
        }
        long breached = tickets.stream().filter(t -> t.breached() && in(t.openedAt(), recentFrom, asOf)).count();
        if (breached > 0) {
            reasons.add(new ChurnRisk.Reason("SLA_BREACHES", 15, breached + " ticket(s) breached an SLA in the last "
                    + settings.windowDays() + " days"));
        }
        long overdue = invoices.stream().filter(InvoiceFact::overdue).count();
        if (overdue > 0) {
            reasons.add(new ChurnRisk.Reason("OVERDUE_INVOICES", 15, overdue + " overdue invoice(s)"));
        }
        Instant last = lastContact(tickets, opportunities, orders);
        if (last == null || last.isBefore(asOf.minus(Duration.ofDays(settings.noContactDays())))) {
            reasons.add(new ChurnRisk.Reason("NO_CONTACT", 20, last == null ? "no contact recorded"
                    : "no contact since " + last + " (" + settings.noContactDays() + "+ days)"));
        }
        int score = Math.min(100, reasons.stream().mapToInt(ChurnRisk.Reason::points).sum());
        return new ChurnRisk(customerId, score, List.copyOf(reasons));
    }

    /** The latest ticket, opportunity or order moment: when we last were in touch. */
    public static Instant lastContact(List<TicketFact> tickets, List<OpportunityFact> opportunities, List<OrderFact> orders) {
        return Stream.of(
                        tickets.stream().flatMap(t -> Stream.of(t.openedAt(), t.firstRespondedAt(), t.resolvedAt(), t.ratedAt())),
                        opportunities.stream().flatMap(o -> Stream.of(o.createdAt(), o.closedAt())),
                        orders.stream().map(OrderFact::orderedAt))
                .flatMap(s -> s).filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null);
    }

    static boolean in(Instant at, Instant from, Instant to) {
        return at != null && !at.isBefore(from) && at.isBefore(to);
    }

    private ChurnRules() {
    }
}
