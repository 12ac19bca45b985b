package org.crmsuite.analytics.kpi;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.crmsuite.analytics.event.AnalyticsEvent;

/**
 * KPIs recounted the slow, obvious way straight from the raw events (no folds, no read models): the oracle the
 * property tests hold the live read models against. Each method reads its definition in docs/kpis.md literally.
 */
final class BruteForce {

    private final List<AnalyticsEvent> events;
    private final Instant from;
    private final Instant to;

    BruteForce(List<AnalyticsEvent> delivered, Instant from, Instant to) {
        Map<String, AnalyticsEvent> unique = new LinkedHashMap<>();
        delivered.forEach(e -> unique.putIfAbsent(e.id(), e));
        this.events = List.copyOf(unique.values());
        this.from = from;
        this.to = to;
    }

    boolean in(Instant t) {
        return t != null && !t.isBefore(from) && t.isBefore(to);
    }

    List<AnalyticsEvent> of(String type) {
        return events.stream().filter(e -> e.type().equals(type)).toList();
    }

    List<AnalyticsEvent> about(String field, String id) {
        return events.stream().filter(e -> id.equals(e.text(field))).toList();
    }

    static Double round(double value) {
        return BigDecimal.valueOf(value).setScale(4, RoundingMode.HALF_UP).doubleValue();
    }

    static Double median(List<Double> values) {
        if (values.isEmpty()) {
            return null;
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return round(v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2);
    }

    static Double p90(List<Double> values) {
        if (values.isEmpty()) {
            return null;
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        // smallest value with at least 90 % of the values at or below it
        for (double candidate : v) {
            long atOrBelow = values.stream().filter(x -> x <= candidate).count();
            if (atOrBelow * 10 >= 9L * v.length) {
                return round(candidate);
            }
        }
        return null;
    }

    static double minutes(Instant a, Instant b) {
        return Duration.between(a, b).toMillis() / 60_000.0;
    }

    // ---- service

    Map<String, Object> firstResponse() {
        List<Double> values = new ArrayList<>();
        for (AnalyticsEvent opened : of("crm.ticket.opened.v1")) {
            String id = opened.text("ticketId");
            Instant openedAt = opened.instant("openedAt");
            Instant first = null;
            for (AnalyticsEvent e : about("ticketId", id)) {
                Instant candidate = e.type().equals("crm.ticket.commented.v1") ? e.instant("commentedAt")
                        : e.type().equals("crm.ticket.resolved.v1") ? e.instant("firstRespondedAt") : null;
                if (candidate != null && (first == null || candidate.isBefore(first))) {
                    first = candidate;
                }
            }
            if (first != null && in(openedAt)) {
                values.add(minutes(openedAt, first));
            }
        }
        return Map.of("tickets", values.size(), "median", String.valueOf(median(values)), "p90", String.valueOf(p90(values)));
    }

    /** The time of the ticket's last resolution, unless it was reopened after it. */
    Instant resolvedAt(String ticketId) {
        List<AnalyticsEvent> lifecycle = about("ticketId", ticketId).stream()
                .filter(e -> e.type().equals("crm.ticket.resolved.v1") || e.type().equals("crm.ticket.reopened.v1"))
                .sorted(Comparator.comparing(AnalyticsEvent::time)).toList();
        if (lifecycle.isEmpty() || !lifecycle.get(lifecycle.size() - 1).type().equals("crm.ticket.resolved.v1")) {
            return null;
        }
        return lifecycle.get(lifecycle.size() - 1).instant("resolvedAt");
    }

    Map<String, Object> resolution() {
        List<Double> values = new ArrayList<>();
        for (AnalyticsEvent opened : of("crm.ticket.opened.v1")) {
            Instant resolved = resolvedAt(opened.text("ticketId"));
            if (resolved != null && in(resolved)) {
                values.add(minutes(opened.instant("openedAt"), resolved));
            }
        }
        return Map.of("tickets", values.size(), "median", String.valueOf(median(values)), "p90", String.valueOf(p90(values)));
    }

    Map<String, Object> slaCompliance() {
        int resolved = 0;
        int breached = 0;
        for (AnalyticsEvent opened : of("crm.ticket.opened.v1")) {
            String id = opened.text("ticketId");
            Instant at = resolvedAt(id);
            if (at != null && in(at)) {
                resolved++;
                boolean breach = about("ticketId", id).stream().anyMatch(e -> e.type().equals("crm.ticket.sla-breached.v1")
                        || (e.type().equals("crm.ticket.resolved.v1") && e.bool("resolutionBreached")));
                if (breach) {
                    breached++;
                }
            }
        }
        return Map.of("resolved", resolved, "breached", breached,
                "compliance", String.valueOf(resolved == 0 ? null : round((double) (resolved - breached) / resolved)));
    }

    Map<String, Object> backlog() {
        Instant at = to.minusMillis(1);
        int open = 0;
        Map<String, Integer> buckets = new TreeMap<>(Map.of("lt1d", 0, "1to3d", 0, "3to7d", 0, "ge7d", 0));
        for (AnalyticsEvent opened : of("crm.ticket.opened.v1")) {
            List<AnalyticsEvent> lifecycle = about("ticketId", opened.text("ticketId")).stream()
                    .filter(e -> Set.of("crm.ticket.opened.v1", "crm.ticket.reopened.v1", "crm.ticket.resolved.v1", "crm.ticket.closed.v1").contains(e.type()))
                    .filter(e -> !e.time().isAfter(at))
                    .sorted(Comparator.comparing(AnalyticsEvent::time).thenComparing(e -> e.type().equals("crm.ticket.closed.v1") ? 1 : 0)).toList();
            if (!lifecycle.isEmpty() && Set.of("crm.ticket.opened.v1", "crm.ticket.reopened.v1").contains(lifecycle.get(lifecycle.size() - 1).type())) {
                open++;
                double hours = Duration.between(opened.instant("openedAt"), at).toMillis() / 3_600_000.0;
                buckets.merge(hours < 24 ? "lt1d" : hours < 72 ? "1to3d" : hours < 168 ? "3to7d" : "ge7d", 1, Integer::sum);
            }
        }
        return Map.of("open", open, "ageing", buckets.toString());
    }

    List<AnalyticsEvent> latestRatings() {
        Map<String, AnalyticsEvent> latest = new HashMap<>();
        for (AnalyticsEvent e : of("crm.ticket.satisfaction-rated.v1")) {
            latest.merge(e.text("ticketId"), e, (a, b) -> a.time().isAfter(b.time()) ? a : b);
        }
        return latest.values().stream().filter(e -> in(e.instant("ratedAt"))).toList();
    }

    Map<String, Object> csat() {
        List<AnalyticsEvent> ratings = latestRatings();
        Map<String, Long> distribution = new TreeMap<>();
        for (int s = 1; s <= 5; s++) {
            int score = s;
            distribution.put(String.valueOf(s), ratings.stream().filter(e -> e.integer("csat") == score).count());
        }
        return Map.of("ratings", ratings.size(), "average", String.valueOf(ratings.isEmpty() ? null
                : round(ratings.stream().mapToInt(e -> e.integer("csat")).sum() / (double) ratings.size())), "distribution", distribution.toString());
    }

    Map<String, Object> nps() {
        List<AnalyticsEvent> answers = latestRatings().stream().filter(e -> e.integer("nps") != null).toList();
        long promoters = answers.stream().filter(e -> e.integer("nps") >= 9).count();
        long detractors = answers.stream().filter(e -> e.integer("nps") <= 6).count();
        return Map.of("responses", answers.size(), "nps", String.valueOf(answers.isEmpty() ? null : round(100.0 * (promoters - detractors) / answers.size())));
    }

    // ---- sales

    Map<String, Object> leadConversion() {
        List<AnalyticsEvent> created = of("crm.lead.created.v1").stream().filter(e -> in(e.instant("createdAt"))).toList();
        long converted = created.stream().filter(c -> about("leadId", c.text("leadId")).stream()
                .anyMatch(e -> e.type().equals("crm.lead.converted.v1"))).count();
        return Map.of("leads", created.size(), "converted", converted,
                "rate", String.valueOf(created.isEmpty() ? null : round((double) converted / created.size())));
    }

    AnalyticsEvent closing(String opportunityId) {
        return about("opportunityId", opportunityId).stream()
                .filter(e -> e.type().equals("crm.opportunity.won.v1") || e.type().equals("crm.opportunity.lost.v1")).findFirst().orElse(null);
    }

    Map<String, Object> winRate() {
        long won = of("crm.opportunity.won.v1").stream().filter(e -> in(e.instant("wonAt"))).count();
        long lost = of("crm.opportunity.lost.v1").stream().filter(e -> in(e.instant("lostAt"))).count();
        return Map.of("won", won, "lost", lost, "rate", String.valueOf(won + lost == 0 ? null : round((double) won / (won + lost))));
    }

    Map<String, Object> averageDealSize() {
        List<BigDecimal> amounts = of("crm.opportunity.won.v1").stream().filter(e -> in(e.instant("wonAt"))).map(e -> e.decimal("amount")).toList();
        BigDecimal revenue = amounts.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        return Map.of("won", amounts.size(), "revenue", revenue.setScale(2).toPlainString(), "average", String.valueOf(amounts.isEmpty() ? null
                : revenue.divide(BigDecimal.valueOf(amounts.size()), 2, RoundingMode.HALF_UP).toPlainString()));
    }

    /**
     * For opportunities created in the period: the stages each passed (the created stage, then each stage change's
     * toStage in time order, then WON or LOST), and for each move A→B "entered A:moved A→B:rate".
     */
    Map<String, String> stageConversion() {
        Map<String, Set<String>> entered = new TreeMap<>();
        Map<String, Set<String>> moved = new TreeMap<>();
        for (AnalyticsEvent created : of("crm.opportunity.created.v1")) {
            if (!in(created.instant("createdAt"))) {
                continue;
            }
            String id = created.text("opportunityId");
            List<String> path = new ArrayList<>();
            path.add(created.text("stage"));
            about("opportunityId", id).stream().filter(e -> e.type().equals("crm.opportunity.stage-changed.v1"))
                    .sorted(Comparator.comparing(AnalyticsEvent::time)).forEach(e -> path.add(e.text("toStage")));
            AnalyticsEvent close = closing(id);
            if (close != null) {
                path.add(close.type().equals("crm.opportunity.won.v1") ? "WON" : "LOST");
            }
            for (int i = 0; i < path.size(); i++) {
                entered.computeIfAbsent(path.get(i), k -> new HashSet<>()).add(id);
                if (i + 1 < path.size()) {
                    moved.computeIfAbsent(path.get(i) + "→" + path.get(i + 1), k -> new HashSet<>()).add(id);
                }
            }
        }
        Map<String, String> rows = new TreeMap<>();
        moved.forEach((move, ids) -> {
            int in = entered.get(move.substring(0, move.indexOf('→'))).size();
            rows.put(move, in + ":" + ids.size() + ":" + round((double) ids.size() / in));
        });
        return rows;
    }

    /** Won in the period: wonAt − createdAt in days (minutes ÷ 1440); average and median. */
    Map<String, Object> salesCycle() {
        List<Double> days = new ArrayList<>();
        for (AnalyticsEvent won : of("crm.opportunity.won.v1")) {
            if (!in(won.instant("wonAt"))) {
                continue;
            }
            AnalyticsEvent created = about("opportunityId", won.text("opportunityId")).stream()
                    .filter(e -> e.type().equals("crm.opportunity.created.v1")).findFirst().orElse(null);
            if (created != null) {
                days.add(Duration.between(created.instant("createdAt"), won.instant("wonAt")).toMinutes() / 1440.0);
            }
        }
        return Map.of("won", days.size(), "averageDays", String.valueOf(days.isEmpty() ? null
                : round(days.stream().mapToDouble(Double::doubleValue).sum() / days.size())), "medianDays", String.valueOf(median(days)));
    }

    Map<String, Object> pipeline() {
        int open = 0;
        BigDecimal value = BigDecimal.ZERO;
        BigDecimal weighted = BigDecimal.ZERO;
        for (AnalyticsEvent created : of("crm.opportunity.created.v1")) {
            String id = created.text("opportunityId");
            AnalyticsEvent close = closing(id);
            Instant createdAt = created.instant("createdAt");
            Instant closedAt = close == null ? null : close.time();
            if (createdAt.isBefore(to) && (closedAt == null || closedAt.isAfter(to))) {
                open++;
                List<AnalyticsEvent> history = about("opportunityId", id).stream().sorted(Comparator.comparing(AnalyticsEvent::time)).toList();
                BigDecimal amount = history.get(history.size() - 1).decimal("amount");
                int probability = close == null ? history.stream().filter(e -> e.integer("probability") != null)
                        .reduce((a, b) -> b).map(e -> e.integer("probability")).orElse(0)
                        : close.type().equals("crm.opportunity.won.v1") ? 100 : 0;
                value = value.add(amount);
                weighted = weighted.add(amount.multiply(BigDecimal.valueOf(probability)).divide(BigDecimal.valueOf(100)));
            }
        }
        return Map.of("open", open, "value", value.setScale(2, RoundingMode.HALF_UP).toPlainString(),
                "weighted", weighted.setScale(2, RoundingMode.HALF_UP).toPlainString());
    }

    Map<String, Object> campaignRoi() {
        List<AnalyticsEvent> completed = of("crm.campaign.completed.v1").stream().filter(e -> in(e.instant("completedAt"))).toList();
        BigDecimal cost = completed.stream().map(e -> e.decimal("actualCost")).reduce(BigDecimal.ZERO, BigDecimal::add);
        Set<String> ids = completed.stream().map(e -> e.text("campaignId")).collect(Collectors.toSet());
        BigDecimal revenue = of("crm.opportunity.won.v1").stream()
                .filter(e -> ids.contains(e.text("campaignId")) && e.instant("wonAt").isBefore(to))
                .map(e -> e.decimal("amount")).reduce(BigDecimal.ZERO, BigDecimal::add);
        long members = completed.stream().mapToLong(e -> e.integer("memberCount")).sum();
        long responses = completed.stream().mapToLong(e -> e.integer("responseCount")).sum();
        return Map.of("campaigns", completed.size(), "cost", cost.setScale(2).toPlainString(), "revenue", revenue.setScale(2).toPlainString(),
                "roi", String.valueOf(cost.signum() == 0 ? null : round(revenue.subtract(cost).doubleValue() / cost.doubleValue())),
                "responseRate", String.valueOf(members == 0 ? null : round((double) responses / members)));
    }

    // ---- customer

    /** customer id → the customer it finally counts as, following merges that were not undone. */
    String canonical(String customerId) {
        String current = customerId;
        for (int i = 0; i < 100; i++) {
            String c = current;
            String next = null;
            for (AnalyticsEvent merged : of("crm.customer.merged.v1")) {
                if (merged.text("loserId").equals(c) && of("crm.customer.merge-undone.v1").stream()
                        .noneMatch(u -> u.text("mergeId").equals(merged.text("mergeId")))) {
                    next = merged.text("survivorId");
                }
            }
            if (next == null) {
                return current;
            }
            current = next;
        }
        return current;
    }

    /** Orders not cancelled, by the customer they count for. */
    Map<String, List<Instant>> orders() {
        Map<String, String> byUscc = new HashMap<>();
        of("crm.customer.created.v1").forEach(e -> byUscc.put(e.text("uscc"), e.text("customerId")));
        Set<String> cancelled = of("erp.order.cancelled.v1").stream().map(e -> e.text("orderId")).collect(Collectors.toSet());
        Map<String, List<Instant>> orders = new HashMap<>();
        for (AnalyticsEvent placed : of("erp.order.placed.v1")) {
            if (cancelled.contains(placed.text("orderId"))) {
                continue;
            }
            String customer = placed.text("customerId") != null ? placed.text("customerId") : byUscc.get(placed.text("uscc"));
            if (customer != null) {
                orders.computeIfAbsent(canonical(customer), c -> new ArrayList<>()).add(placed.instant("orderedAt"));
            }
        }
        return orders;
    }

    /**
     * RFM at the end of the period, from the orders (not cancelled) of the 365 days before it, per customer they count
     * for: R by days since the last order (≤30: 5, ≤60: 4, ≤90: 3, ≤180: 2, else 1), F by count (≥10: 5, ≥6: 4, ≥3: 3,
     * else the count), segment as docs/kpis.md says; per segment "customers:revenue".
     */
    Map<String, String> rfm() {
        Map<String, String> byUscc = new HashMap<>();
        of("crm.customer.created.v1").forEach(e -> byUscc.put(e.text("uscc"), e.text("customerId")));
        Set<String> cancelled = of("erp.order.cancelled.v1").stream().map(e -> e.text("orderId")).collect(Collectors.toSet());
        Instant yearFrom = to.minus(Duration.ofDays(365));
        Map<String, List<AnalyticsEvent>> orders = new HashMap<>();
        for (AnalyticsEvent placed : of("erp.order.placed.v1")) {
            Instant at = placed.instant("orderedAt");
            String customer = placed.text("customerId") != null ? placed.text("customerId") : byUscc.get(placed.text("uscc"));
            if (customer != null && !cancelled.contains(placed.text("orderId")) && !at.isBefore(yearFrom) && at.isBefore(to)) {
                orders.computeIfAbsent(canonical(customer), c -> new ArrayList<>()).add(placed);
            }
        }
        Map<String, Long> customers = new TreeMap<>();
        Map<String, BigDecimal> revenue = new TreeMap<>();
        orders.forEach((customer, list) -> {
            Instant last = list.stream().map(e -> e.instant("orderedAt")).max(Comparator.naturalOrder()).orElseThrow();
            long recency = Duration.between(last, to).toDays();
            int frequency = list.size();
            int r = recency <= 30 ? 5 : recency <= 60 ? 4 : recency <= 90 ? 3 : recency <= 180 ? 2 : 1;
            int f = frequency >= 10 ? 5 : frequency >= 6 ? 4 : frequency >= 3 ? 3 : frequency;
            String segment = r >= 4 && f >= 4 ? "CHAMPIONS" : f >= 4 ? "LOYAL" : f == 1 && r >= 4 ? "NEW"
                    : r <= 2 && f >= 3 ? "AT_RISK" : r <= 2 ? "HIBERNATING" : "POTENTIAL";
            customers.merge(segment, 1L, Long::sum);
            revenue.merge(segment, list.stream().map(e -> e.decimal("amount")).reduce(BigDecimal.ZERO, BigDecimal::add), BigDecimal::add);
        });
        Map<String, String> rows = new TreeMap<>();
        customers.forEach((segment, count) -> rows.put(segment, count + ":" + revenue.get(segment).setScale(2, RoundingMode.HALF_UP).toPlainString()));
        return rows;
    }

    /**
     * Data quality at the period's end: per customer (merged-away ones counted as their survivor, customers whose
     * survivor was erased left out) the latest quality-scored before the end (ties: the survivor's own, then the smallest
     * customer id); customers, average, bands and shares, issues by dimension.
     */
    Map<String, Object> dataQuality() {
        Map<String, AnalyticsEvent> latest = latestScores(to);
        int n = latest.size();
        long low = latest.values().stream().filter(e -> e.integer("score") < 50).count();
        long high = latest.values().stream().filter(e -> e.integer("score") >= 80).count();
        Map<String, Long> issues = new TreeMap<>();
        for (String dimension : List.of("COMPLETENESS", "VALIDITY", "TIMELINESS", "CONSISTENCY")) {
            issues.put(dimension, 0L);
        }
        for (AnalyticsEvent e : latest.values()) {
            e.data().get("issues").forEach(issue -> issues.merge(issue.get("dimension").asString(), 1L, Long::sum));
        }
        return Map.of("customers", n,
                "averageScore", String.valueOf(n == 0 ? null : round(latest.values().stream().mapToInt(e -> e.integer("score")).sum() / (double) n)),
                "bands", new TreeMap<>(Map.of("lt50", low, "50to79", n - low - high, "ge80", high)).toString(),
                "shares", new TreeMap<>(Map.of("lt50", share(low, n), "50to79", share(n - low - high, n), "ge80", share(high, n))).toString(),
                "issues", issues.toString());
    }

    /**
     * The churn-risk rules at the period's end ({@code to}), from the raw events known before it, per known customer
     * (a created customer neither merged away nor erased, or the customer any ticket, opportunity, order or invoice
     * counts for): customer → "score|RULE:points:detail|...". Read from docs/kpis.md and {@code ChurnRules}' rule list
     * literally, in plain loops over the events: nothing of the folds.
     */
    Map<String, String> churnRisk(int windowDays, int noContactDays) {
        Instant at = to;
        Map<String, String> byUscc = new HashMap<>();
        Set<String> erased = new HashSet<>();
        for (AnalyticsEvent e : events) {
            if (e.type().equals("crm.customer.created.v1")) {
                byUscc.put(e.text("uscc"), e.text("customerId"));
            } else if (e.type().equals("crm.customer.erased.v1")) {
                erased.add(e.text("customerId"));
            }
        }
        Set<String> known = new HashSet<>();
        for (AnalyticsEvent e : events) {
            String type = e.type();
            if (type.equals("crm.customer.created.v1")) {
                String id = e.text("customerId");
                if (canonical(id).equals(id) && !erased.contains(id)) {
                    known.add(id);
                }
            } else if (type.equals("crm.ticket.opened.v1") || type.equals("crm.opportunity.created.v1") || type.equals("finance.invoice.issued.v1")
                    || type.equals("erp.order.placed.v1")) {
                String customer = e.text("customerId") != null ? e.text("customerId") : byUscc.get(e.text("uscc"));
                if (customer != null) {
                    known.add(canonical(customer));
                }
            }
        }
        Instant recentFrom = at.minus(Duration.ofDays(windowDays));
        Instant previousFrom = recentFrom.minus(Duration.ofDays(windowDays));
        Map<String, String> risks = new TreeMap<>();
        for (String customer : known) {
            long recent = 0;
            long previous = 0;
            long complaints = 0;
            long breached = 0;
            long overdue = 0;
            Instant lastContact = null;
            List<AnalyticsEvent> ratings = new ArrayList<>();
            for (AnalyticsEvent e : events) {
                String type = e.type();
                if (type.equals("erp.order.placed.v1")) {
                    String owner = e.text("customerId") != null ? e.text("customerId") : byUscc.get(e.text("uscc"));
                    Instant orderedAt = e.instant("orderedAt");
                    if (owner == null || !canonical(owner).equals(customer) || !orderedAt.isBefore(at)) {
                        continue;
                    }
                    lastContact = later(lastContact, orderedAt, at);
                    boolean cancelledBefore = false;
                    for (AnalyticsEvent c : events) {
                        if (c.type().equals("erp.order.cancelled.v1") && c.text("orderId").equals(e.text("orderId")) && c.instant("cancelledAt").isBefore(at)) {
                            cancelledBefore = true;
                        }
                    }
                    if (!cancelledBefore) {
                        recent += !orderedAt.isBefore(recentFrom) ? 1 : 0;
                        previous += !orderedAt.isBefore(previousFrom) && orderedAt.isBefore(recentFrom) ? 1 : 0;
                    }
                } else if (type.equals("crm.opportunity.created.v1")) {
                    if (!canonical(e.text("customerId")).equals(customer)) {
                        continue;
                    }
                    lastContact = later(lastContact, e.instant("createdAt"), at);
                    for (AnalyticsEvent c : about("opportunityId", e.text("opportunityId"))) {
                        lastContact = later(lastContact, c.type().equals("crm.opportunity.won.v1") ? c.instant("wonAt")
                                : c.type().equals("crm.opportunity.lost.v1") ? c.instant("lostAt") : null, at);
                    }
                } else if (type.equals("finance.invoice.issued.v1")) {
                    if (!canonical(e.text("customerId")).equals(customer)) {
                        continue;
                    }
                    overdue += overdueUnpaidBefore(e.text("invoiceId"), at) ? 1 : 0;
                } else if (type.equals("crm.ticket.opened.v1")) {
                    Instant openedAt = e.instant("openedAt");
                    if (!canonical(e.text("customerId")).equals(customer) || !openedAt.isBefore(at)) {
                        continue;
                    }
                    lastContact = later(lastContact, openedAt, at);
                    TicketAsOf ticket = ticketAsOf(e.text("ticketId"), at);
                    for (Instant resolvedAt : ticket.resolutions()) {
                        lastContact = later(lastContact, resolvedAt, at);
                    }
                    lastContact = later(lastContact, ticket.firstResponse(), at);
                    complaints += ticket.open() && "COMPLAINT".equals(e.text("type")) ? 1 : 0;
                    breached += ticket.breached() && !openedAt.isBefore(recentFrom) ? 1 : 0;
                    if (ticket.rating() != null) {
                        ratings.add(ticket.rating());
                        lastContact = later(lastContact, ticket.rating().instant("ratedAt"), at);
                    }
                }
            }
            List<String> reasons = new ArrayList<>();
            int points = 0;
            if (previous >= 2 && recent * 2 < previous) {
                reasons.add("FALLING_ORDER_FREQUENCY:30:" + recent + " orders in the last " + windowDays + " days after " + previous + " before");
                points += 30;
            }
            if (complaints > 0) {
                reasons.add("OPEN_COMPLAINTS:20:" + complaints + " open complaint(s)");
                points += 20;
            }
            ratings.sort(Comparator.comparing((AnalyticsEvent r) -> r.instant("ratedAt")).reversed());
            List<AnalyticsEvent> lastThree = ratings.subList(0, Math.min(3, ratings.size()));
            if (!lastThree.isEmpty()) {
                int sum = 0;
                for (AnalyticsEvent r : lastThree) {
                    sum += r.integer("csat");
                }
                double average = (double) sum / lastThree.size();
                if (average < 3) {
                    reasons.add("LOW_CSAT:20:" + String.format(java.util.Locale.ROOT, "CSAT %.1f over the last %d rating(s)", average, lastThree.size()));
                    points += 20;
                }
            }
            if (breached > 0) {
                reasons.add("SLA_BREACHES:15:" + breached + " ticket(s) breached an SLA in the last " + windowDays + " days");
                points += 15;
            }
            if (overdue > 0) {
                reasons.add("OVERDUE_INVOICES:15:" + overdue + " overdue invoice(s)");
                points += 15;
            }
            if (lastContact == null || lastContact.isBefore(at.minus(Duration.ofDays(noContactDays)))) {
                reasons.add("NO_CONTACT:20:" + (lastContact == null ? "no contact recorded" : "no contact since " + lastContact + " (" + noContactDays + "+ days)"));
                points += 20;
            }
            reasons.add(0, String.valueOf(Math.min(100, points)));
            risks.put(customer, String.join("|", reasons));
        }
        return risks;
    }

    /**
     * The churn model's 14 features ({@code ChurnFeatures.NAMES}, in that order) of each customer {@link #churnRisk}
     * lists, at the period's end, from the raw events known before it, read from the features' definition: orders
     * placed in the last and the previous 90 days (not cancelled before the end), their trend log((last+1)/(previous+1)),
     * days since the last such order (capped at 730), log1p of the year's orders and revenue, open complaints, 5 − the
     * average of the last three ratings (0 and noRating 1 without any), tickets opened in the last 90 days that breached
     * an SLA before the end, tickets opened in the last 90 days, invoices overdue and not paid at the end, days since
     * the last contact (such an order, a ticket opened, resolved or rated, an opportunity created or closed; capped),
     * log1p of the days since the customer was created or first ordered.
     */
    Map<String, double[]> churnFeatures() {
        Instant at = to;
        Instant d90 = at.minus(Duration.ofDays(90));
        Instant d180 = at.minus(Duration.ofDays(180));
        Instant d365 = at.minus(Duration.ofDays(365));
        Map<String, String> byUscc = new HashMap<>();
        Map<String, Instant> createdAt = new HashMap<>();
        for (AnalyticsEvent e : of("crm.customer.created.v1")) {
            byUscc.put(e.text("uscc"), e.text("customerId"));
            createdAt.put(e.text("customerId"), e.instant("createdAt"));
        }
        Map<String, double[]> features = new TreeMap<>();
        for (String customer : churnRisk(90, 60).keySet()) {
            double recent = 0, previous = 0, year = 0, revenue = 0, complaints = 0, breaches = 0, tickets = 0, overdue = 0;
            Instant lastOrder = null;
            Instant lastContact = null;
            Instant first = createdAt.get(customer);
            List<AnalyticsEvent> ratings = new ArrayList<>();
            for (AnalyticsEvent e : events) {
                switch (e.type()) {
                    case "erp.order.placed.v1" -> {
                        String owner = e.text("customerId") != null ? e.text("customerId") : byUscc.get(e.text("uscc"));
                        Instant orderedAt = e.instant("orderedAt");
                        if (owner == null || !canonical(owner).equals(customer) || !orderedAt.isBefore(at)) {
                            continue;
                        }
                        boolean cancelledBefore = false;
                        for (AnalyticsEvent c : of("erp.order.cancelled.v1")) {
                            cancelledBefore |= c.text("orderId").equals(e.text("orderId")) && c.instant("cancelledAt").isBefore(at);
                        }
                        if (cancelledBefore) {
                            continue;
                        }
                        recent += !orderedAt.isBefore(d90) ? 1 : 0;
                        previous += !orderedAt.isBefore(d180) && orderedAt.isBefore(d90) ? 1 : 0;
                        if (!orderedAt.isBefore(d365)) {
                            year++;
                            revenue += e.decimal("amount").doubleValue();
                        }
                        lastOrder = later(lastOrder, orderedAt, at);
                        first = first == null || orderedAt.isBefore(first) ? orderedAt : first;
                    }
                    case "crm.opportunity.created.v1" -> {
                        if (canonical(e.text("customerId")).equals(customer)) {
                            lastContact = later(lastContact, e.instant("createdAt"), at);
                            for (AnalyticsEvent c : about("opportunityId", e.text("opportunityId"))) {
                                lastContact = later(lastContact, c.type().equals("crm.opportunity.won.v1") ? c.instant("wonAt")
                                        : c.type().equals("crm.opportunity.lost.v1") ? c.instant("lostAt") : null, at);
                            }
                        }
                    }
                    case "finance.invoice.issued.v1" -> {
                        if (canonical(e.text("customerId")).equals(customer)) {
                            overdue += overdueUnpaidBefore(e.text("invoiceId"), at) ? 1 : 0;
                        }
                    }
                    case "crm.ticket.opened.v1" -> {
                        Instant openedAt = e.instant("openedAt");
                        if (!canonical(e.text("customerId")).equals(customer) || !openedAt.isBefore(at)) {
                            continue;
                        }
                        lastContact = later(lastContact, openedAt, at);
                        TicketAsOf ticket = ticketAsOf(e.text("ticketId"), at);
                        for (Instant resolvedAt : ticket.resolutions()) {
                            lastContact = later(lastContact, resolvedAt, at);
                        }
                        complaints += ticket.open() && "COMPLAINT".equals(e.text("type")) ? 1 : 0;
                        breaches += ticket.breached() && !openedAt.isBefore(d90) ? 1 : 0;
                        tickets += !openedAt.isBefore(d90) ? 1 : 0;
                        if (ticket.rating() != null) {
                            ratings.add(ticket.rating());
                            lastContact = later(lastContact, ticket.rating().instant("ratedAt"), at);
                        }
                    }
                    default -> {
                    }
                }
            }
            lastContact = later(lastContact, lastOrder, at);
            ratings.sort(Comparator.comparing((AnalyticsEvent r) -> r.instant("ratedAt")).reversed());
            double csatSum = 0;
            int rated = Math.min(3, ratings.size());
            for (int i = 0; i < rated; i++) {
                csatSum += ratings.get(i).integer("csat");
            }
            double sinceOrder = lastOrder == null ? 730 : Math.min(730, Duration.between(lastOrder, at).toDays());
            double sinceContact = lastContact == null ? 730 : Math.min(730, Duration.between(lastContact, at).toDays());
            double tenure = first == null ? 0 : Math.max(0, Duration.between(first, at).toDays());
            features.put(customer, new double[] {recent, previous, Math.log((recent + 1) / (previous + 1)), sinceOrder, Math.log1p(year),
                    Math.log1p(revenue), complaints, rated == 0 ? 0 : 5 - csatSum / rated, rated == 0 ? 1 : 0, breaches, tickets, overdue,
                    sinceContact, Math.log1p(tenure)});
        }
        return features;
    }

    /** The later of a and b, counting b only when it is known before the instant. */
    static Instant later(Instant a, Instant b, Instant before) {
        return b == null || !b.isBefore(before) || (a != null && !b.isAfter(a)) ? a : b;
    }

    /** Per customer scored before the instant (merged-away ones as their survivor, erased ones left out): its latest score. */
    Map<String, AnalyticsEvent> latestScores(Instant end) {
        Set<String> erased = of("crm.customer.erased.v1").stream().map(e -> e.text("customerId")).collect(Collectors.toSet());
        Map<String, AnalyticsEvent> latest = new HashMap<>();
        for (AnalyticsEvent scored : of("crm.customer.quality-scored.v1")) {
            String customer = canonical(scored.text("customerId"));
            if (erased.contains(customer) || !scored.instant("scoredAt").isBefore(end)) {
                continue;
            }
            AnalyticsEvent best = latest.get(customer);
            int order = best == null ? 1 : scored.instant("scoredAt").compareTo(best.instant("scoredAt"));
            if (order == 0) {
                boolean own = scored.text("customerId").equals(customer);
                boolean bestOwn = best.text("customerId").equals(customer);
                order = own != bestOwn ? (own ? 1 : -1) : best.text("customerId").compareTo(scored.text("customerId"));
            }
            if (order > 0) {
                latest.put(customer, scored);
            }
        }
        return latest;
    }

    /**
     * Data quality by department over time: for each calendar month the period touches (in the zone), at the month's
     * end (cut to the period's), the latest scores grouped by the customer's department (from its crm.customer.created;
     * the generator never moves a customer), or all in one group per month when {@code byDepartment} is false:
     * "month/group" → {@link #qualitySummary}; {@code within} (or null) keeps the customers of that department or below it.
     */
    Map<String, String> dataQualityOverTime(java.time.ZoneId zone, boolean byDepartment, String within) {
        Map<String, String> department = new HashMap<>();
        of("crm.customer.created.v1").forEach(e -> department.put(e.text("customerId"), e.text("department")));
        Map<String, String> rows = new TreeMap<>();
        java.time.ZonedDateTime month = from.atZone(zone).withDayOfMonth(1).toLocalDate().atStartOfDay(zone);
        while (month.toInstant().isBefore(to)) {
            java.time.ZonedDateTime next = month.plusMonths(1);
            Instant end = next.toInstant().isAfter(to) ? to : next.toInstant();
            String name = String.format("%04d-%02d", month.getYear(), month.getMonthValue());
            Map<String, List<AnalyticsEvent>> groups = new TreeMap<>();
            latestScores(end).forEach((customer, score) -> {
                String at = department.get(customer);
                if (within != null && (at == null || !(at.equals(within) || at.startsWith(within + "/")))) {
                    return; // ?department=: only customers whose department is it or below it
                }
                groups.computeIfAbsent(byDepartment
                        ? department.getOrDefault(customer, score.text("department")) : name, g -> new ArrayList<>()).add(score);
            });
            if (groups.isEmpty() && !byDepartment) {
                groups.put(name, List.of());
            }
            groups.forEach((group, scores) -> rows.put(byDepartment ? name + "/" + group : group, qualitySummary(scores)));
            month = next;
        }
        return rows;
    }

    /** "customers:average:lt50,50to79,ge80:shares:COMPLETENESS,VALIDITY,TIMELINESS,CONSISTENCY". */
    static String qualitySummary(List<AnalyticsEvent> scores) {
        int n = scores.size();
        long low = 0;
        long high = 0;
        long sum = 0;
        long[] issues = new long[4];
        List<String> dimensions = List.of("COMPLETENESS", "VALIDITY", "TIMELINESS", "CONSISTENCY");
        for (AnalyticsEvent e : scores) {
            int score = e.integer("score");
            sum += score;
            low += score < 50 ? 1 : 0;
            high += score >= 80 ? 1 : 0;
            for (var issue : e.data().get("issues")) {
                issues[dimensions.indexOf(issue.get("dimension").asString())]++;
            }
        }
        return n + ":" + (n == 0 ? null : round(sum / (double) n)) + ":" + low + "," + (n - low - high) + "," + high + ":"
                + share(low, n) + "," + share(n - low - high, n) + "," + share(high, n) + ":" + issues[0] + "," + issues[1] + "," + issues[2] + "," + issues[3];
    }

    static String share(long part, long whole) {
        return String.valueOf(whole == 0 ? null : round((double) part / whole));
    }

    Map<String, Object> repurchase() {
        long buyers = 0;
        long repeat = 0;
        for (List<Instant> list : orders().values()) {
            long n = list.stream().filter(this::in).count();
            buyers += n > 0 ? 1 : 0;
            repeat += n > 1 ? 1 : 0;
        }
        return Map.of("buyers", buyers, "repeatBuyers", repeat, "rate", String.valueOf(buyers == 0 ? null : round((double) repeat / buyers)));
    }

    Map<String, Object> retention(int windowDays) {
        long atStart = 0;
        long retained = 0;
        for (List<Instant> list : orders().values()) {
            boolean activeAtStart = list.stream().anyMatch(t -> !t.isBefore(from.minus(Duration.ofDays(windowDays))) && t.isBefore(from));
            boolean activeAtEnd = list.stream().anyMatch(t -> !t.isBefore(to.minus(Duration.ofDays(windowDays))) && t.isBefore(to));
            if (activeAtStart) {
                atStart++;
                retained += activeAtEnd ? 1 : 0;
            }
        }
        return Map.of("activeAtStart", atStart, "retained", retained,
                "retentionRate", String.valueOf(atStart == 0 ? null : round((double) retained / atStart)));
    }

    /** A ticket as known before {@code at}: its events before then, replayed in time order (opened first on a tie). */
    private record TicketAsOf(boolean open, boolean breached, List<Instant> resolutions, Instant firstResponse, AnalyticsEvent rating) {
    }

    private TicketAsOf ticketAsOf(String ticketId, Instant at) {
        List<AnalyticsEvent> lifecycle = new ArrayList<>(about("ticketId", ticketId).stream().filter(c -> c.time().isBefore(at)).toList());
        lifecycle.sort(Comparator.comparing(AnalyticsEvent::time).thenComparing(c -> c.type().equals("crm.ticket.opened.v1") ? 0 : 1));
        boolean open = false;
        boolean breached = false;
        List<Instant> resolutions = new ArrayList<>();
        Instant firstResponse = null;
        AnalyticsEvent rating = null;
        for (AnalyticsEvent c : lifecycle) {
            switch (c.type()) {
                case "crm.ticket.opened.v1", "crm.ticket.reopened.v1" -> open = true;
                case "crm.ticket.closed.v1" -> open = false;
                case "crm.ticket.resolved.v1" -> {
                    open = false;
                    breached |= c.bool("resolutionBreached");
                    resolutions.add(c.instant("resolvedAt"));
                    Instant responded = c.instant("firstRespondedAt");
                    firstResponse = responded != null && (firstResponse == null || responded.isBefore(firstResponse)) ? responded : firstResponse;
                }
                case "crm.ticket.sla-breached.v1" -> breached = true;
                case "crm.ticket.commented.v1" -> firstResponse = firstResponse == null || c.instant("commentedAt").isBefore(firstResponse)
                        ? c.instant("commentedAt") : firstResponse;
                case "crm.ticket.satisfaction-rated.v1" -> rating = c;
                default -> {
                }
            }
        }
        return new TicketAsOf(open, breached, resolutions, firstResponse, rating);
    }

    /** Whether the invoice was known to be overdue and not yet paid before {@code at}. */
    private boolean overdueUnpaidBefore(String invoiceId, Instant at) {
        boolean overdueBefore = false;
        boolean paidBefore = false;
        for (AnalyticsEvent c : about("invoiceId", invoiceId)) {
            overdueBefore |= c.type().equals("finance.invoice.overdue.v1") && c.instant("detectedAt").isBefore(at);
            paidBefore |= c.type().equals("finance.invoice.paid.v1") && c.instant("paidAt").isBefore(at);
        }
        return overdueBefore && !paidBefore;
    }
}
