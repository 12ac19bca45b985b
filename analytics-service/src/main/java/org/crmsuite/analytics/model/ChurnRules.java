package org.crmsuite.analytics.model;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

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
        // plain loops, not streams: this runs for every customer of a churn-risk query (100,000s)
        long recent = 0;
        long previous = 0;
        for (OrderFact o : orders) {
            if (!o.cancelled()) {
                recent += in(o.orderedAt(), recentFrom, asOf) ? 1 : 0;
                previous += in(o.orderedAt(), previousFrom, recentFrom) ? 1 : 0;
            }
        }
        if (previous >= 2 && recent * 2 < previous) {
            reasons.add(new ChurnRisk.Reason("FALLING_ORDER_FREQUENCY", 30,
                    recent + " orders in the last " + settings.windowDays() + " days after " + previous + " before"));
        }
        long complaints = 0;
        long breached = 0;
        int rated = 0;
        for (TicketFact t : tickets) {
            complaints += "COMPLAINT".equals(t.type()) && t.openAt(asOf) ? 1 : 0;
            breached += t.breached() && in(t.openedAt(), recentFrom, asOf) ? 1 : 0;
            rated += t.csat() != null && t.ratedAt() != null && !t.ratedAt().isAfter(asOf) ? 1 : 0;
        }
        if (complaints > 0) {
            reasons.add(new ChurnRisk.Reason("OPEN_COMPLAINTS", 20, complaints + " open complaint(s)"));
        }
        List<Integer> lastRatings = rated == 0 ? List.of() : tickets.stream()
                .filter(t -> t.csat() != null && t.ratedAt() != null && !t.ratedAt().isAfter(asOf))
                .sorted(Comparator.comparing(TicketFact::ratedAt).reversed()).limit(3).map(TicketFact::csat).toList();
        if (!lastRatings.isEmpty()) {
            double average = lastRatings.stream().mapToInt(Integer::intValue).average().orElse(5);
            if (average < 3) {
                reasons.add(new ChurnRisk.Reason("LOW_CSAT", 20, String.format(java.util.Locale.ROOT,
                        "CSAT %.1f over the last %d rating(s)", average, lastRatings.size())));
            }
        }
        if (breached > 0) {
            reasons.add(new ChurnRisk.Reason("SLA_BREACHES", 15, breached + " ticket(s) breached an SLA in the last "
                    + settings.windowDays() + " days"));
        }
        long overdue = 0;
        for (InvoiceFact i : invoices) {
            overdue += i.overdue() ? 1 : 0;
        }
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
        Instant last = null;
        for (TicketFact t : tickets) {
            last = later(later(later(later(last, t.openedAt()), t.firstRespondedAt()), t.resolvedAt()), t.ratedAt());
        }
        for (OpportunityFact o : opportunities) {
            last = later(later(last, o.createdAt()), o.closedAt());
        }
        for (OrderFact o : orders) {
            last = later(last, o.orderedAt());
        }
        return last;
    }

    private static Instant later(Instant a, Instant b) {
        return a == null ? b : b == null || !b.isAfter(a) ? a : b;
    }

    static boolean in(Instant at, Instant from, Instant to) {
        return at != null && !at.isBefore(from) && at.isBefore(to);
    }

    private ChurnRules() {
    }
}
