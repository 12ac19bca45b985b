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
        Set<String> erased = of("crm.customer.erased.v1").stream().map(e -> e.text("customerId")).collect(Collectors.toSet());
        Map<String, AnalyticsEvent> latest = new HashMap<>();
        for (AnalyticsEvent scored : of("crm.customer.quality-scored.v1")) {
            String customer = canonical(scored.text("customerId"));
            if (erased.contains(customer) || !scored.instant("scoredAt").isBefore(to)) {
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
}
