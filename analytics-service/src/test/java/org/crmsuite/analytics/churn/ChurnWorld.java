package org.crmsuite.analytics.churn;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.crmsuite.analytics.event.AnalyticsEvent;

import tools.jackson.databind.json.JsonMapper;

/**
 * Multi-year event histories (orders, invoices, tickets with breaches and ratings, opportunities) of customers with a
 * hidden churn propensity, one customer at a time (so a large world does not have to fit in memory). Deterministic
 * for a seed. What drives churn, and what the features can and cannot see of it:
 * <ul>
 *   <li>a hidden frailty and the customer's size set a monthly churn hazard (small, frail customers leave more);</li>
 *   <li>episodes of dissatisfaction (more tickets and complaints, SLA breaches, low CSAT, late payments, fewer orders)
 *       multiply the hazard; many end without churn (noise for every score);</li>
 *   <li>most churners (60 %) fade first: orders and contact decay over the 2-4 months before they stop, most of them
 *       unhappy on the way out (complaints, breaches, low CSAT, late payment); the others ("silent") stop at once, with
 *       no signal at all;</li>
 *   <li>loyal customers have temporary dips in ordering too (false alarms for "falling order frequency").</li>
 * </ul>
 */
final class ChurnWorld {

    static final Instant START = Instant.parse("2023-01-01T00:00:00Z");
    static final Instant END = Instant.parse("2025-10-01T00:00:00Z");
    static final int MONTHS = 33;
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String[] OTHER_TYPES = {"CONSULTATION", "INCIDENT", "REQUEST"};

    /** One generated customer: its id, creation, events, and (hidden from the features) when it churned. */
    record Customer(String id, Instant createdAt, List<AnalyticsEvent> events, Instant churnedAt, boolean fading) {
    }

    private final long seed;

    ChurnWorld(long seed) {
        this.seed = seed;
    }

    Customer customer(int index) {
        Random random = new Random(seed * 1_000_003L + index);
        String id = new UUID(seed, index).toString();
        List<AnalyticsEvent> events = new ArrayList<>();
        long[] offset = {0};
        Instant createdAt = random.nextDouble() < 0.55 ? START.minus(Duration.ofDays(random.nextInt(3 * 365)))
                : START.plus(Duration.ofDays(random.nextInt(24 * 30)));
        double rate = Math.min(8, Math.max(0.25, Math.exp(Math.log(1.2) + 0.6 * random.nextGaussian()))); // orders a month
        double frailty = random.nextGaussian();
        double hazard = 0.015 * Math.exp(0.5 * frailty) * Math.pow(rate / 1.2, -0.35);
        int first = createdAt.isBefore(START) ? 0 : (int) (Duration.between(START, createdAt).toDays() / 30) + 1;

        // the hidden states month by month: dissatisfaction episodes, temporary dips, the churn month
        boolean[] unhappy = new boolean[MONTHS];
        double[] dip = new double[MONTHS];
        java.util.Arrays.fill(dip, 1);
        int churnMonth = -1;
        for (int m = first, left = 0; m < MONTHS; m++) {
            if (left == 0 && random.nextDouble() < 0.05 * Math.exp(0.4 * frailty)) {
                left = 1 + random.nextInt(4);
            }
            if (left > 0) {
                unhappy[m] = true;
                left--;
            }
            if (random.nextDouble() < 0.05 && m + 1 < MONTHS) {
                dip[m] = 0.4;
                dip[m + 1] = 0.4;
            }
            if (churnMonth < 0 && random.nextDouble() < hazard * (unhappy[m] ? 3.5 : 1)) {
                churnMonth = m;
            }
        }
        boolean fading = churnMonth >= 0 && random.nextDouble() < 0.6;
        double[] fade = new double[MONTHS];
        java.util.Arrays.fill(fade, 1);
        if (fading) {
            int months = 2 + random.nextInt(3);
            boolean troubled = random.nextDouble() < 0.6; // most fading churners are unhappy on the way out, some just drift away
            for (int k = 1; k <= months && churnMonth - k >= 0; k++) {
                fade[churnMonth - k] = 0.15 + 0.85 * (k - 1) / months; // the month before churn 0.15, rising backwards
                unhappy[churnMonth - k] |= troubled;
            }
        }
        Instant churnedAt = churnMonth < 0 ? null : month(churnMonth).plus(Duration.ofDays(random.nextInt(30)));

        emit(events, offset, random, "crm.customer.created.v1", createdAt, "customerId", id, "code", "C-" + String.format("%06d", index),
                "lifecycleStage", "ACTIVE", "valueTier", rate > 3 ? "KEY" : "STANDARD", "status", "ACTIVE", "createdAt", createdAt.toString());
        for (int m = first; m < MONTHS; m++) {
            Instant from = month(m);
            boolean gone = churnedAt != null && !from.isBefore(churnedAt.minus(Duration.ofDays(30)));
            double factor = (unhappy[m] ? 0.75 : 1) * fade[m] * dip[m];
            // orders and their invoices
            for (int n = poisson(random, gone ? 0 : rate * factor); n > 0; n--) {
                Instant at = from.plus(Duration.ofMinutes(random.nextInt(30 * 24 * 60)));
                if (churnedAt != null && !at.isBefore(churnedAt)) {
                    continue;
                }
                order(events, offset, random, id, at, rate, unhappy[m] || fade[m] < 1, churnedAt);
            }
            // tickets
            double ticketRate = (0.25 + 0.08 * rate) * (unhappy[m] ? 2.5 : 1) * (fade[m] < 1 ? 0.5 : 1) * (gone ? 0.1 : 1);
            for (int n = poisson(random, ticketRate); n > 0; n--) {
                ticket(events, offset, random, id, from.plus(Duration.ofMinutes(random.nextInt(30 * 24 * 60))), unhappy[m]);
            }
            // opportunities
            for (int n = poisson(random, (0.06 + 0.02 * rate) * (fade[m] < 1 ? 0.3 : 1) * (gone ? 0 : 1)); n > 0; n--) {
                opportunity(events, offset, random, id, from.plus(Duration.ofMinutes(random.nextInt(30 * 24 * 60))));
            }
        }
        events.removeIf(e -> !e.time().isBefore(END));
        return new Customer(id, createdAt, List.copyOf(events), churnedAt, fading);
    }

    static Instant month(int m) {
        return START.plus(Duration.ofDays(30L * m));
    }

    void order(List<AnalyticsEvent> events, long[] offset, Random random, String customer, Instant at, double rate, boolean troubled,
               Instant churnedAt) {
        String orderId = "SO-" + UUID.nameUUIDFromBytes((customer + offset[0]).getBytes());
        BigDecimal amount = BigDecimal.valueOf(Math.exp(Math.log(20_000 * Math.sqrt(rate)) + 0.5 * random.nextGaussian())).setScale(2, RoundingMode.HALF_UP);
        emit(events, offset, random, "erp.order.placed.v1", at, "orderId", orderId, "customerId", customer, "amount", amount.toPlainString(),
                "currency", "CNY", "orderedAt", at.toString());
        if (random.nextDouble() < 0.04) {
            Instant cancelled = at.plus(Duration.ofHours(1 + random.nextInt(72)));
            emit(events, offset, random, "erp.order.cancelled.v1", cancelled, "orderId", orderId, "customerId", customer, "cancelledAt", cancelled.toString());
            return;
        }
        String invoiceId = "INV-" + orderId.substring(3);
        Instant issued = at.plus(Duration.ofDays(1));
        Instant due = issued.plus(Duration.ofDays(30));
        emit(events, offset, random, "finance.invoice.issued.v1", issued, "invoiceId", invoiceId, "customerId", customer, "amount",
                amount.toPlainString(), "currency", "CNY", "issuedAt", issued.toString(), "dueDate", due.toString().substring(0, 10));
        if (random.nextDouble() < (troubled ? 0.65 : 0.93)) {
            Instant paid = issued.plus(Duration.ofDays(5 + random.nextInt(25)));
            emit(events, offset, random, "finance.invoice.paid.v1", paid, "invoiceId", invoiceId, "customerId", customer, "amount",
                    amount.toPlainString(), "currency", "CNY", "paidAt", paid.toString());
        } else {
            Instant overdue = due.plus(Duration.ofDays(1));
            emit(events, offset, random, "finance.invoice.overdue.v1", overdue, "invoiceId", invoiceId, "customerId", customer, "amountDue",
                    amount.toPlainString(), "currency", "CNY", "dueDate", due.toString().substring(0, 10), "daysOverdue", 1, "detectedAt", overdue.toString());
            Instant paid = overdue.plus(Duration.ofDays(10 + random.nextInt(50)));
            // loyal customers pay late but pay; troubled ones often do not, and a churned one never does
            if (random.nextDouble() < (troubled ? 0.5 : 1) && (churnedAt == null || paid.isBefore(churnedAt))) {
                emit(events, offset, random, "finance.invoice.paid.v1", paid, "invoiceId", invoiceId, "customerId", customer, "amount",
                        amount.toPlainString(), "currency", "CNY", "paidAt", paid.toString());
            }
        }
    }

    void ticket(List<AnalyticsEvent> events, long[] offset, Random random, String customer, Instant opened, boolean unhappy) {
        String ticketId = UUID.nameUUIDFromBytes((customer + "t" + offset[0]).getBytes()).toString();
        String type = random.nextDouble() < (unhappy ? 0.45 : 0.08) ? "COMPLAINT" : OTHER_TYPES[random.nextInt(OTHER_TYPES.length)];
        emit(events, offset, random, "crm.ticket.opened.v1", opened, "ticketId", ticketId, "number", "T-" + offset[0], "customerId", customer,
                "channel", "WEB", "type", type, "priority", "P3", "status", "NEW", "queue", "general", "openedAt", opened.toString());
        if (random.nextDouble() < (unhappy ? 0.35 : 0.07)) {
            Instant breached = opened.plus(Duration.ofHours(4 + random.nextInt(20)));
            emit(events, offset, random, "crm.ticket.sla-breached.v1", breached, "ticketId", ticketId, "customerId", customer,
                    "target", "RESOLUTION", "priority", "P3", "queue", "general", "breachedAt", breached.toString());
        }
        Instant resolved = "COMPLAINT".equals(type) && unhappy && random.nextBoolean()
                ? opened.plus(Duration.ofDays(10 + random.nextInt(35))) : opened.plus(Duration.ofMinutes(60 + random.nextInt(72 * 60)));
        emit(events, offset, random, "crm.ticket.resolved.v1", resolved, "ticketId", ticketId, "customerId", customer, "type", type,
                "priority", "P3", "queue", "general", "openedAt", opened.toString(), "resolvedAt", resolved.toString());
        if (random.nextDouble() < 0.45) {
            Instant rated = resolved.plus(Duration.ofHours(1 + random.nextInt(48)));
            int csat = (int) Math.max(1, Math.min(5, Math.round((unhappy ? 2.2 : 4.3) + 0.9 * random.nextGaussian())));
            emit(events, offset, random, "crm.ticket.satisfaction-rated.v1", rated, "ticketId", ticketId, "customerId", customer,
                    "type", type, "queue", "general", "csat", csat, "ratedAt", rated.toString());
        }
    }

    void opportunity(List<AnalyticsEvent> events, long[] offset, Random random, String customer, Instant created) {
        String id = UUID.nameUUIDFromBytes((customer + "o" + offset[0]).getBytes()).toString();
        emit(events, offset, random, "crm.opportunity.created.v1", created, "opportunityId", id, "customerId", customer, "amount", "50000.00",
                "currency", "CNY", "stage", "QUALIFY", "probability", 10, "createdAt", created.toString());
        Instant closed = created.plus(Duration.ofDays(10 + random.nextInt(50)));
        boolean won = random.nextDouble() < 0.4;
        emit(events, offset, random, won ? "crm.opportunity.won.v1" : "crm.opportunity.lost.v1", closed, "opportunityId", id,
                "customerId", customer, "amount", "50000.00", "currency", "CNY", won ? "wonAt" : "lostAt", closed.toString());
    }

    static int poisson(Random random, double mean) {
        if (mean <= 0) {
            return 0;
        }
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int n = 0;
        while (product > limit) {
            product *= random.nextDouble();
            n++;
        }
        return n;
    }

    static void emit(List<AnalyticsEvent> events, long[] offset, Random random, String type, Instant time, Object... fields) {
        Map<String, Object> payload = new LinkedHashMap<>();
        for (int i = 0; i < fields.length; i += 2) {
            payload.put((String) fields[i], fields[i + 1]);
        }
        events.add(new AnalyticsEvent(new UUID(random.nextLong(), random.nextLong()).toString(), type, "t", (String) fields[1], time, 0,
                offset[0]++, JSON.valueToTree(payload)));
    }
}
