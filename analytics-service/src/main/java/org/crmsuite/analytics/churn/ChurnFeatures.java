package org.crmsuite.analytics.churn;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.crmsuite.analytics.model.InvoiceFact;
import org.crmsuite.analytics.model.OpportunityFact;
import org.crmsuite.analytics.model.OrderFact;
import org.crmsuite.analytics.model.TicketFact;

/**
 * What the churn model sees of a customer at an instant: the signals the churn rules look at, as numbers instead of
 * yes/no (how much orders fell, how long the silence is, how many complaints), plus size and tenure. Only facts
 * known before the instant count (orders cancelled later still count, invoices are overdue only between their
 * overdue and paid instants), so a past instant gives what was known then.
 */
public final class ChurnFeatures {

    /** The feature names, in the order of {@link #of}'s values. */
    public static final List<String> NAMES = List.of(
            "ordersLast90d", "ordersPrevious90d", "orderTrend", "daysSinceLastOrder", "ordersLast365dLog", "revenueLast365dLog",
            "openComplaints", "csatDeficit", "noRating", "slaBreaches90d", "ticketsLast90d", "overdueInvoices", "daysSinceLastContact",
            "tenureDaysLog");

    static final double CAP_DAYS = 730;

    public static double[] of(List<TicketFact> tickets, List<OpportunityFact> opportunities, List<OrderFact> orders,
                              List<InvoiceFact> invoices, Instant createdAt, Instant asOf) {
        Instant d90 = asOf.minus(Duration.ofDays(90));
        Instant d180 = asOf.minus(Duration.ofDays(180));
        Instant d365 = asOf.minus(Duration.ofDays(365));
        double recent = 0, previous = 0, year = 0, revenue = 0;
        Instant lastOrder = null;
        Instant first = createdAt;
        for (OrderFact o : orders) {
            Instant at = o.orderedAt();
            if (at == null || !at.isBefore(asOf) || (o.cancelled() && (o.cancelledAt() == null || o.cancelledAt().isBefore(asOf)))) {
                continue;
            }
            recent += in(at, d90, asOf) ? 1 : 0;
            previous += in(at, d180, d90) ? 1 : 0;
            if (in(at, d365, asOf)) {
                year++;
                revenue += o.amount() == null ? 0 : o.amount().doubleValue();
            }
            lastOrder = lastOrder == null || at.isAfter(lastOrder) ? at : lastOrder;
            first = first == null || at.isBefore(first) ? at : first;
        }
        double complaints = 0, breaches = 0, recentTickets = 0;
        List<TicketFact> rated = new ArrayList<>();
        Instant lastContact = lastOrder;
        for (TicketFact t : tickets) {
            if (t.openedAt() == null || !t.openedAt().isBefore(asOf)) {
                continue;
            }
            complaints += "COMPLAINT".equals(t.type()) && t.openAt(asOf) ? 1 : 0;
            breaches += t.breachedBefore(asOf) && in(t.openedAt(), d90, asOf) ? 1 : 0;
            recentTickets += in(t.openedAt(), d90, asOf) ? 1 : 0;
            if (t.csat() != null && t.ratedAt() != null && t.ratedAt().isBefore(asOf)) {
                rated.add(t);
            }
            lastContact = latest(lastContact, t.openedAt(), asOf);
            lastContact = latest(lastContact, t.resolvedAt(), asOf);
            for (TicketFact.Span span : t.openPeriods()) {
                // each resolution (or closing) ends an open period: one before the instant is a contact even when the
                // ticket was reopened after it (resolvedAt is only the latest resolution)
                lastContact = latest(lastContact, span.to(), asOf);
            }
            lastContact = latest(lastContact, t.ratedAt(), asOf);
        }
        for (OpportunityFact o : opportunities) {
            lastContact = latest(lastContact, o.createdAt(), asOf);
            lastContact = latest(lastContact, o.closedAt(), asOf);
        }
        rated.sort(Comparator.comparing(TicketFact::ratedAt).reversed());
        double csat = rated.stream().limit(3).mapToInt(TicketFact::csat).average().orElse(Double.NaN);
        double overdue = 0;
        for (InvoiceFact i : invoices) {
            boolean overdueThen = i.overdueAt() != null && i.overdueAt().isBefore(asOf) && (i.paidAt() == null || !i.paidAt().isBefore(asOf));
            overdue += overdueThen ? 1 : 0;
        }
        return new double[] {
                recent, previous, Math.log((recent + 1) / (previous + 1)), days(lastOrder, asOf), Math.log1p(year), Math.log1p(revenue),
                complaints, Double.isNaN(csat) ? 0 : 5 - csat, Double.isNaN(csat) ? 1 : 0, breaches, recentTickets, overdue,
                days(lastContact, asOf), Math.log1p(first == null ? 0 : Math.max(0, Duration.between(first, asOf).toDays()))};
    }

    private static Instant latest(Instant current, Instant candidate, Instant asOf) {
        return candidate == null || !candidate.isBefore(asOf) || (current != null && !candidate.isAfter(current)) ? current : candidate;
    }

    private static double days(Instant since, Instant asOf) {
        return since == null ? CAP_DAYS : Math.min(CAP_DAYS, Duration.between(since, asOf).toDays());
    }

    private static boolean in(Instant at, Instant from, Instant to) {
        return at != null && !at.isBefore(from) && at.isBefore(to);
    }

    private ChurnFeatures() {
    }
}
