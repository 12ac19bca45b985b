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

    /**
     * The rules at {@code asOf}, from what was known before it: orders placed before it (those cancelled before it not
     * counted), tickets opened before it (a breach, a rating, a resolution counts once it happened before it), invoices
     * overdue before it and not paid before it, contacts before it. So a past period's end gives what was known then
     * (and the model's training compares the model with the rules on equal terms), and "now" gives today's answer.
     */
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
            boolean cancelledBefore = o.cancelled() && (o.cancelledAt() == null || o.cancelledAt().isBefore(asOf));
            if (!cancelledBefore) {
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
        List<TicketFact> rated = new ArrayList<>();
        Instant justBefore = asOf.minusMillis(1); // open at the end: open after every event before it (as the backlog)
        for (TicketFact t : tickets) {
            if (t.openedAt() == null || !t.openedAt().isBefore(asOf)) {
                continue;
            }
            complaints += "COMPLAINT".equals(t.type()) && t.openAt(justBefore) ? 1 : 0;
            breached += t.breachedBefore(asOf) && in(t.openedAt(), recentFrom, asOf) ? 1 : 0;
            if (t.csat() != null && t.ratedAt() != null && t.ratedAt().isBefore(asOf)) {
                rated.add(t);
            }
        }
        if (complaints > 0) {
            reasons.add(new ChurnRisk.Reason("OPEN_COMPLAINTS", 20, complaints + " open complaint(s)"));
        }
        List<Integer> lastRatings = rated.stream().sorted(Comparator.comparing(TicketFact::ratedAt).reversed()).limit(3)
                .map(TicketFact::csat).toList();
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
            boolean overdueThen = i.overdueAt() != null ? i.overdueAt().isBefore(asOf) && (i.paidAt() == null || !i.paidAt().isBefore(asOf))
                    : i.overdue(); // no overdue instant recorded: the current status
            overdue += overdueThen ? 1 : 0;
        }
        if (overdue > 0) {
            reasons.add(new ChurnRisk.Reason("OVERDUE_INVOICES", 15, overdue + " overdue invoice(s)"));
        }
        Instant last = lastContact(tickets, opportunities, orders, asOf);
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

    /**
     * The latest contact before the instant: a ticket opened, first answered, resolved (each resolution: a ticket's
     * open periods end at them) or rated; an opportunity created or closed; an order placed.
     */
    public static Instant lastContact(List<TicketFact> tickets, List<OpportunityFact> opportunities, List<OrderFact> orders, Instant before) {
        Instant last = null;
        for (TicketFact t : tickets) {
            last = laterBefore(last, t.openedAt(), before);
            last = laterBefore(last, t.firstRespondedAt(), before);
            last = laterBefore(last, t.resolvedAt(), before);
            last = laterBefore(last, t.ratedAt(), before);
            for (TicketFact.Span span : t.openPeriods()) {
                last = laterBefore(last, span.to(), before);
            }
        }
        for (OpportunityFact o : opportunities) {
            last = laterBefore(last, o.createdAt(), before);
            last = laterBefore(last, o.closedAt(), before);
        }
        for (OrderFact o : orders) {
            last = laterBefore(last, o.orderedAt(), before);
        }
        return last;
    }

    private static Instant laterBefore(Instant a, Instant b, Instant before) {
        return b != null && b.isBefore(before) ? later(a, b) : a;
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
