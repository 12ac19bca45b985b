package org.crmsuite.analytics.kpi;

import static org.crmsuite.analytics.kpi.Dimension.AGENT;
import static org.crmsuite.analytics.kpi.Dimension.CAMPAIGN;
import static org.crmsuite.analytics.kpi.Dimension.CHANNEL;
import static org.crmsuite.analytics.kpi.Dimension.DEPARTMENT;
import static org.crmsuite.analytics.kpi.Dimension.MONTH;
import static org.crmsuite.analytics.kpi.Dimension.NONE;
import static org.crmsuite.analytics.kpi.Dimension.OWNER;
import static org.crmsuite.analytics.kpi.Dimension.PRIORITY;
import static org.crmsuite.analytics.kpi.Dimension.QUEUE;
import static org.crmsuite.analytics.kpi.Dimension.SOURCE;
import static org.crmsuite.analytics.kpi.Dimension.TIER;
import static org.crmsuite.analytics.kpi.Dimension.TYPE;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import org.crmsuite.analytics.churn.ChurnFeatures;
import org.crmsuite.analytics.churn.LogisticModel;
import org.crmsuite.analytics.model.CampaignFact;
import org.crmsuite.analytics.model.ChurnRisk;
import org.crmsuite.analytics.model.ChurnRules;
import org.crmsuite.analytics.model.CustomerProfile;
import org.crmsuite.analytics.model.CustomerQuality;
import org.crmsuite.analytics.model.InvoiceFact;
import org.crmsuite.analytics.model.LeadFact;
import org.crmsuite.analytics.model.OpportunityFact;
import org.crmsuite.analytics.model.OrderFact;
import org.crmsuite.analytics.model.TicketFact;

/** Every KPI the API serves. Pure functions of the facts, the period and the dimension. */
public final class KpiCatalog {

    public static final String ALL = "all";
    public static final String UNKNOWN = "(none)";

    private static final List<Dimension> SERVICE_DIMS = List.of(NONE, QUEUE, AGENT, PRIORITY, TYPE, CHANNEL, DEPARTMENT, MONTH);
    private static final List<Dimension> SALES_DIMS = List.of(NONE, OWNER, DEPARTMENT, MONTH);
    private static final List<Dimension> CUSTOMER_DIMS = List.of(NONE, OWNER, DEPARTMENT, TIER, MONTH);

    static final String DATA_QUALITY_FORMULA = "customers scored before the period's end (by month: each month's end), each with its latest "
            + "score at that instant (a merged-away customer's scores fold into its survivor's, the latest of all counts; erased customers "
            + "are left out): customers, average score, customers and share per band (<50, 50-79, ≥80), and the open issues of those "
            + "scores by dimension (COMPLETENESS, VALIDITY, TIMELINESS, CONSISTENCY); grouped by the customer's current department, owner or tier";

    private static final Map<String, KpiDefinition> DEFINITIONS = new LinkedHashMap<>();

    static {
        add(new KpiDefinition("first-response-time", "service", "First-response time (minutes)",
                "per ticket opened in the period: first public comment (or the firstRespondedAt the resolution reports) − openedAt; median and 90th percentile (nearest rank) over tickets that got a response",
                List.of("crm.ticket.opened.v1", "crm.ticket.commented.v1", "crm.ticket.resolved.v1"), SERVICE_DIMS,
                (f, p, by, s) -> grouped(f.tickets(), t -> t.firstRespondedAt() != null && t.openedAt() != null ? t.openedAt() : null,
                        p, by, KpiCatalog::ticketDim, group -> durations(group, t -> minutes(t.openedAt(), t.firstRespondedAt())))));
        add(new KpiDefinition("resolution-time", "service", "Resolution time (minutes)",
                "per ticket resolved in the period (latest resolution): resolvedAt − openedAt; median and 90th percentile (nearest rank)",
                List.of("crm.ticket.opened.v1", "crm.ticket.resolved.v1", "crm.ticket.reopened.v1"), SERVICE_DIMS,
                (f, p, by, s) -> grouped(f.tickets(), t -> t.resolvedAt() != null && t.openedAt() != null ? t.resolvedAt() : null,
                        p, by, KpiCatalog::ticketDim, group -> durations(group, t -> minutes(t.openedAt(), t.resolvedAt())))));
        add(new KpiDefinition("sla-compliance", "service", "SLA compliance",
                "tickets resolved in the period without any SLA breach (no crm.ticket.sla-breached, resolutionBreached false) ÷ tickets resolved in the period",
                List.of("crm.ticket.resolved.v1", "crm.ticket.sla-breached.v1"), SERVICE_DIMS,
                (f, p, by, s) -> grouped(f.tickets(), TicketFact::resolvedAt, p, by, KpiCatalog::ticketDim, group -> {
                    long breached = group.stream().filter(TicketFact::breached).count();
                    return values("resolved", group.size(), "breached", breached, "compliance", Stats.ratio(group.size() - breached, group.size()));
                })));
        add(new KpiDefinition("backlog", "service", "Backlog and ageing",
                "tickets open at the end of the period (by month: at each month's end), with their age since openedAt in buckets <1d, 1-3d, 3-7d, ≥7d",
                List.of("crm.ticket.opened.v1", "crm.ticket.status-changed.v1", "crm.ticket.resolved.v1", "crm.ticket.closed.v1", "crm.ticket.reopened.v1"),
                SERVICE_DIMS, KpiCatalog::backlog));
        add(new KpiDefinition("csat", "service", "Customer satisfaction (CSAT 1-5)",
                "ratings given in the period: average and the count of each score 1..5",
                List.of("crm.ticket.satisfaction-rated.v1"), SERVICE_DIMS,
                (f, p, by, s) -> grouped(f.tickets().stream().filter(t -> t.csat() != null).toList(), TicketFact::ratedAt, p, by,
                        KpiCatalog::ticketDim, group -> {
                            Map<String, Object> distribution = new LinkedHashMap<>();
                            for (int score = 1; score <= 5; score++) {
                                int sc = score;
                                distribution.put(String.valueOf(score), group.stream().filter(t -> t.csat() == sc).count());
                            }
                            return values("ratings", group.size(), "average", Stats.average(group.stream().map(t -> (double) t.csat()).toList()),
                                    "distribution", distribution);
                        })));
        add(new KpiDefinition("nps", "service", "Net promoter score",
                "ratings with an NPS answer given in the period: % promoters (9-10) − % detractors (0-6), −100..100",
                List.of("crm.ticket.satisfaction-rated.v1"), SERVICE_DIMS,
                (f, p, by, s) -> grouped(f.tickets().stream().filter(t -> t.nps() != null).toList(), TicketFact::ratedAt, p, by,
                        KpiCatalog::ticketDim, group -> {
                            long promoters = group.stream().filter(t -> t.nps() >= 9).count();
                            long detractors = group.stream().filter(t -> t.nps() <= 6).count();
                            return values("responses", group.size(), "promoters", promoters, "passives", group.size() - promoters - detractors,
                                    "detractors", detractors, "nps", group.isEmpty() ? null : Stats.round(100.0 * (promoters - detractors) / group.size()));
                        })));
        add(new KpiDefinition("lead-conversion", "sales", "Lead conversion rate",
                "leads created in the period that are converted ÷ leads created in the period",
                List.of("crm.lead.created.v1", "crm.lead.converted.v1", "crm.lead.disqualified.v1"), List.of(NONE, OWNER, DEPARTMENT, SOURCE, CAMPAIGN, MONTH),
                (f, p, by, s) -> grouped(f.leads(), LeadFact::createdAt, p, by, KpiCatalog::leadDim, group -> {
                    long converted = group.stream().filter(l -> l.convertedAt() != null).count();
                    long disqualified = group.stream().filter(l -> l.disqualifiedAt() != null).count();
                    return values("leads", group.size(), "converted", converted, "disqualified", disqualified, "rate", Stats.ratio(converted, group.size()));
                })));
        add(new KpiDefinition("stage-conversion", "sales", "Conversion between pipeline stages",
                "opportunities created in the period; for each move A→B taken (stage changes, then WON or LOST): opportunities that moved A→B ÷ opportunities that were ever in A",
                List.of("crm.opportunity.created.v1", "crm.opportunity.stage-changed.v1", "crm.opportunity.won.v1", "crm.opportunity.lost.v1"),
                SALES_DIMS, KpiCatalog::stageConversion));
        add(new KpiDefinition("win-rate", "sales", "Win rate",
                "opportunities won in the period ÷ opportunities won or lost in the period",
                List.of("crm.opportunity.won.v1", "crm.opportunity.lost.v1"), SALES_DIMS,
                (f, p, by, s) -> grouped(f.opportunities().stream().filter(o -> !OpportunityFact.OPEN.equals(o.outcome())).toList(),
                        OpportunityFact::closedAt, p, by, KpiCatalog::opportunityDim, group -> {
                            long won = group.stream().filter(o -> OpportunityFact.WON.equals(o.outcome())).count();
                            return values("won", won, "lost", group.size() - won, "rate", Stats.ratio(won, group.size()));
                        })));
        add(new KpiDefinition("average-deal-size", "sales", "Average deal size",
                "sum of the amounts of opportunities won in the period ÷ their count (one currency assumed, see README)",
                List.of("crm.opportunity.won.v1"), SALES_DIMS,
                (f, p, by, s) -> grouped(won(f), OpportunityFact::closedAt, p, by, KpiCatalog::opportunityDim, group -> {
                    BigDecimal revenue = sum(group.stream().map(OpportunityFact::amount).toList());
                    return values("won", group.size(), "revenue", Stats.money(revenue), "average",
                            group.isEmpty() ? null : Stats.money(revenue.divide(BigDecimal.valueOf(group.size()), 2, java.math.RoundingMode.HALF_UP)));
                })));
        add(new KpiDefinition("sales-cycle", "sales", "Sales cycle length (days)",
                "per opportunity won in the period: wonAt − createdAt in days; average and median",
                List.of("crm.opportunity.created.v1", "crm.opportunity.won.v1"), SALES_DIMS,
                (f, p, by, s) -> grouped(won(f).stream().filter(o -> o.createdAt() != null).toList(), OpportunityFact::closedAt, p, by,
                        KpiCatalog::opportunityDim, group -> {
                            List<Double> days = group.stream().map(o -> Duration.between(o.createdAt(), o.closedAt()).toMinutes() / 1440.0).toList();
                            return values("won", group.size(), "averageDays", Stats.average(days), "medianDays", Stats.round(Stats.median(days)));
                        })));
        add(new KpiDefinition("pipeline-value", "sales", "Pipeline value and weighted forecast",
                "opportunities open at the end of the period (created before it, not won or lost by then): sum of amounts, and sum of amount × probability ÷ 100 (current amount and probability)",
                List.of("crm.opportunity.created.v1", "crm.opportunity.stage-changed.v1", "crm.opportunity.won.v1", "crm.opportunity.lost.v1"),
                SALES_DIMS, KpiCatalog::pipeline));
        add(new KpiDefinition("campaign-roi", "sales", "Campaign ROI and response rate",
                "campaigns completed in the period: ROI = (won revenue of opportunities carrying the campaign, won before the period ends − actual cost) ÷ actual cost; response rate = responses ÷ members",
                List.of("crm.campaign.launched.v1", "crm.campaign.completed.v1", "crm.opportunity.won.v1"), List.of(NONE, OWNER, DEPARTMENT, CAMPAIGN, MONTH),
                KpiCatalog::campaignRoi));
        add(new KpiDefinition("retention", "customer", "Retention and churn rate",
                "customers active at the start of the period (an order in the activeWindowDays before it) that are still active at its end ÷ those active at the start; churn = 1 − retention",
                List.of("erp.order.placed.v1", "erp.order.cancelled.v1", "crm.customer.merged.v1", "crm.customer.created.v1"), CUSTOMER_DIMS,
                KpiCatalog::retention));
        add(new KpiDefinition("repurchase-rate", "customer", "Repurchase rate",
                "customers with two or more orders (not cancelled) in the period ÷ customers with at least one",
                List.of("erp.order.placed.v1", "erp.order.cancelled.v1", "crm.customer.merged.v1"), CUSTOMER_DIMS,
                KpiCatalog::repurchase));
        add(new KpiDefinition("rfm", "customer", "RFM value segments",
                "customers with an order in the 365 days before the period's end: recency (days since the last order), frequency (orders) and monetary (order value) scored 1..5 by fixed bounds, segmented: CHAMPIONS (R≥4, F≥4), LOYAL (F≥4), NEW (F=1, R≥4), AT_RISK (R≤2, F≥3), HIBERNATING (R≤2), POTENTIAL (the rest)",
                List.of("erp.order.placed.v1", "erp.order.cancelled.v1", "crm.customer.merged.v1"), List.of(NONE, OWNER, DEPARTMENT, TIER),
                KpiCatalog::rfm));
        add(new KpiDefinition("churn-risk", "customer", "Churn-risk score per customer",
                "at the period's end, from what was known before it; reasons: rules, points capped at 100: falling order frequency 30, open complaints 20, low CSAT 20, SLA breaches 15, overdue invoices 15, no contact in N days 20; score: those points, or the churn model's probability of no order in the next 90 days × 100 when churn-score is model and the model beat the rules on the service's own held-out cut-off (model names which); by none: the riskiest customers with their reasons; by a dimension: average score and customers at risk (score ≥ 50)",
                List.of("erp.order.placed.v1", "erp.order.cancelled.v1", "crm.ticket.opened.v1", "crm.ticket.commented.v1",
                        "crm.ticket.resolved.v1", "crm.ticket.reopened.v1", "crm.ticket.closed.v1", "crm.ticket.satisfaction-rated.v1",
                        "crm.ticket.sla-breached.v1", "finance.invoice.overdue.v1", "finance.invoice.paid.v1", "crm.opportunity.created.v1",
                        "crm.opportunity.won.v1", "crm.opportunity.lost.v1", "crm.customer.merged.v1"), List.of(NONE, OWNER, DEPARTMENT, TIER),
                KpiCatalog::churnRisk));
        add(new KpiDefinition("data-quality", "customer", "Data quality by department over time",
                DATA_QUALITY_FORMULA, List.of("crm.customer.quality-scored.v1", "crm.customer.merged.v1", "crm.customer.erased.v1"),
                CUSTOMER_DIMS, KpiCatalog::dataQuality));
    }



    private static void add(KpiDefinition definition) {
        DEFINITIONS.put(definition.name(), definition);
    }

    public static Optional<KpiDefinition> find(String name) {
        return Optional.ofNullable(DEFINITIONS.get(name));
    }

    public static List<KpiDefinition> all() {
        return List.copyOf(DEFINITIONS.values());
    }

    // ---- grouping -------------------------------------------------------------------------------------------

    /** Items whose reference instant lies in the period, grouped by the dimension, each group aggregated. */
    static <T> List<KpiRow> grouped(List<T> items, Function<T, Instant> at, Period period, Dimension by,
                                    DimensionOf<T> dimension, Function<List<T>, Map<String, Object>> aggregate) {
        Map<String, List<T>> groups = new TreeMap<>();
        for (T item : items) {
            Instant instant = at.apply(item);
            if (!period.contains(instant)) {
                continue;
            }
            String group = by == MONTH ? period.month(instant) : by == NONE ? ALL : orUnknown(dimension.of(item, by));
            groups.computeIfAbsent(group, g -> new ArrayList<>()).add(item);
        }
        if (by == NONE && groups.isEmpty()) {
            groups.put(ALL, List.of());
        }
        List<KpiRow> rows = new ArrayList<>();
        groups.forEach((group, list) -> rows.add(new KpiRow(group, aggregate.apply(list))));
        return rows;
    }

    @FunctionalInterface
    interface DimensionOf<T> {
        String of(T item, Dimension by);
    }

    static String ticketDim(TicketFact t, Dimension by) {
        return switch (by) {
            case QUEUE -> t.queue();
            case AGENT -> t.assignee();
            case PRIORITY -> t.priority();
            case TYPE -> t.type();
            case CHANNEL -> t.channel();
            case DEPARTMENT -> t.department();
            default -> ALL;
        };
    }

    static String leadDim(LeadFact l, Dimension by) {
        return switch (by) {
            case OWNER -> l.ownerId();
            case DEPARTMENT -> l.department();
            case SOURCE -> l.source();
            case CAMPAIGN -> l.campaignId();
            default -> ALL;
        };
    }

    static String opportunityDim(OpportunityFact o, Dimension by) {
        return switch (by) {
            case OWNER -> o.ownerId();
            case DEPARTMENT -> o.department();
            case CAMPAIGN -> o.campaignId();
            default -> ALL;
        };
    }

    static String profileDim(CustomerProfile profile, Dimension by) {
        if (profile == null) {
            return UNKNOWN;
        }
        return switch (by) {
            case OWNER -> profile.ownerId();
            case DEPARTMENT -> profile.department();
            case TIER -> profile.valueTier();
            default -> ALL;
        };
    }

    static String orUnknown(String value) {
        return value == null || value.isBlank() ? UNKNOWN : value;
    }

    static Map<String, Object> values(Object... pairs) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            values.put((String) pairs[i], pairs[i + 1]);
        }
        return values;
    }

    // ---- service --------------------------------------------------------------------------------------------

    static Map<String, Object> durations(List<TicketFact> tickets, Function<TicketFact, Double> minutes) {
        List<Double> values = tickets.stream().map(minutes).toList();
        return values("tickets", values.size(), "median", Stats.round(Stats.median(values)), "p90", Stats.round(Stats.percentile(values, 90)));
    }

    static double minutes(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 60_000.0;
    }

    static List<KpiRow> backlog(Facts facts, Period period, Dimension by, KpiSettings settings) {
        List<Period.Named> snapshots = by == MONTH ? period.months() : List.of(new Period.Named(ALL, period));
        List<KpiRow> rows = new ArrayList<>();
        for (Period.Named snapshot : snapshots) {
            Instant at = snapshot.period().to().minusMillis(1);
            Map<String, List<TicketFact>> groups = new TreeMap<>();
            for (TicketFact t : facts.tickets()) {
                if (t.openAt(at)) {
                    String group = by == MONTH ? snapshot.name() : by == NONE ? ALL : orUnknown(ticketDim(t, by));
                    groups.computeIfAbsent(group, g -> new ArrayList<>()).add(t);
                }
            }
            if (groups.isEmpty() && (by == NONE || by == MONTH)) {
                groups.put(snapshot.name(), List.of());
            }
            groups.forEach((group, open) -> {
                Map<String, Object> ageing = new LinkedHashMap<>();
                ageing.put("lt1d", 0L);
                ageing.put("1to3d", 0L);
                ageing.put("3to7d", 0L);
                ageing.put("ge7d", 0L);
                List<Double> ages = new ArrayList<>();
                for (TicketFact t : open) {
                    Instant since = t.openedAt() != null ? t.openedAt() : t.openPeriods().get(0).from();
                    double hours = Duration.between(since, at).toMillis() / 3_600_000.0;
                    ages.add(hours);
                    String bucket = hours < 24 ? "lt1d" : hours < 72 ? "1to3d" : hours < 168 ? "3to7d" : "ge7d";
                    ageing.merge(bucket, 1L, (a, b) -> (Long) a + (Long) b);
                }
                rows.add(new KpiRow(group, values("asOf", at.plusMillis(1).toString(), "open", open.size(),
                        "averageAgeHours", Stats.average(ages), "ageing", ageing)));
            });
        }
        return rows;
    }

    // ---- sales ----------------------------------------------------------------------------------------------

    static List<OpportunityFact> won(Facts facts) {
        return facts.opportunities().stream().filter(o -> OpportunityFact.WON.equals(o.outcome()) && o.closedAt() != null).toList();
    }

    static BigDecimal sum(List<BigDecimal> values) {
        return values.stream().filter(Objects::nonNull).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    static List<KpiRow> stageConversion(Facts facts, Period period, Dimension by, KpiSettings settings) {
        Map<String, List<OpportunityFact>> groups = new TreeMap<>();
        for (OpportunityFact o : facts.opportunities()) {
            if (period.contains(o.createdAt())) {
                String group = by == MONTH ? period.month(o.createdAt()) : by == NONE ? ALL : orUnknown(opportunityDim(o, by));
                groups.computeIfAbsent(group, g -> new ArrayList<>()).add(o);
            }
        }
        List<KpiRow> rows = new ArrayList<>();
        groups.forEach((group, opportunities) -> {
            Map<String, Set<String>> entered = new TreeMap<>();
            Map<String, Set<String>> moved = new TreeMap<>();
            for (OpportunityFact o : opportunities) {
                List<String> path = new ArrayList<>(o.stagePath());
                if (!OpportunityFact.OPEN.equals(o.outcome())) {
                    path.add(o.outcome());
                }
                for (int i = 0; i < path.size(); i++) {
                    entered.computeIfAbsent(path.get(i), k -> new HashSet<>()).add(o.opportunityId());
                    if (i + 1 < path.size()) {
                        moved.computeIfAbsent(path.get(i) + "→" + path.get(i + 1), k -> new HashSet<>()).add(o.opportunityId());
                    }
                }
            }
            moved.forEach((move, ids) -> {
                String from = move.substring(0, move.indexOf('→'));
                int in = entered.get(from).size();
                rows.add(new KpiRow(by == NONE ? move : group + " " + move,
                        values("from", from, "to", move.substring(move.indexOf('→') + 1), "entered", in, "moved", ids.size(),
                                "rate", Stats.ratio(ids.size(), in))));
            });
        });
        return rows;
    }

    static List<KpiRow> pipeline(Facts facts, Period period, Dimension by, KpiSettings settings) {
        List<Period.Named> snapshots = by == MONTH ? period.months() : List.of(new Period.Named(ALL, period));
        List<KpiRow> rows = new ArrayList<>();
        for (Period.Named snapshot : snapshots) {
            Instant at = snapshot.period().to();
            Map<String, List<OpportunityFact>> groups = new TreeMap<>();
            for (OpportunityFact o : facts.opportunities()) {
                if (o.openAt(at)) {
                    String group = by == MONTH ? snapshot.name() : by == NONE ? ALL : orUnknown(opportunityDim(o, by));
                    groups.computeIfAbsent(group, g -> new ArrayList<>()).add(o);
                }
            }
            if (groups.isEmpty() && (by == NONE || by == MONTH)) {
                groups.put(snapshot.name(), List.of());
            }
            groups.forEach((group, open) -> rows.add(new KpiRow(group, values("asOf", at.toString(), "open", open.size(),
                    "value", Stats.money(sum(open.stream().map(OpportunityFact::amount).toList())),
                    "weighted", Stats.money(sum(open.stream().map(o -> o.amount() == null ? null
                            : o.amount().multiply(BigDecimal.valueOf(o.probability())).divide(BigDecimal.valueOf(100))).toList()))))));
        }
        return rows;
    }

    static List<KpiRow> campaignRoi(Facts facts, Period period, Dimension by, KpiSettings settings) {
        Map<String, BigDecimal> revenue = new HashMap<>();
        for (OpportunityFact o : won(facts)) {
            if (o.campaignId() != null && o.closedAt().isBefore(period.to()) && o.amount() != null) {
                revenue.merge(o.campaignId(), o.amount(), BigDecimal::add);
            }
        }
        return grouped(facts.campaigns(), CampaignFact::completedAt, period, by, (c, d) -> switch (d) {
            case OWNER -> c.ownerId();
            case DEPARTMENT -> c.department();
            case CAMPAIGN -> c.campaignId();
            default -> ALL;
        }, group -> {
            BigDecimal cost = sum(group.stream().map(CampaignFact::actualCost).toList());
            BigDecimal won = sum(group.stream().map(c -> revenue.get(c.campaignId())).toList());
            long members = group.stream().mapToLong(c -> c.memberCount() == null ? 0 : c.memberCount()).sum();
            long responses = group.stream().mapToLong(c -> c.responseCount() == null ? 0 : c.responseCount()).sum();
            return values("campaigns", group.size(), "cost", Stats.money(cost), "revenue", Stats.money(won),
                    "roi", cost.signum() == 0 ? null : Stats.round(won.subtract(cost).doubleValue() / cost.doubleValue()),
                    "members", members, "responses", responses, "responseRate", Stats.ratio(responses, members));
        });
    }

    // ---- customer -------------------------------------------------------------------------------------------

    /** Orders that count (not cancelled), by surviving customer; orders of unknown customers are left out. */
    static Map<String, List<OrderFact>> ordersByCustomer(Facts facts, Facts.Customers customers) {
        Map<String, List<OrderFact>> memo = facts.memo().ordersByCustomer;
        if (memo != null) {
            return memo;
        }
        Map<String, List<OrderFact>> byCustomer = new HashMap<>(); // every use sums per group: no order needed
        for (OrderFact o : facts.orders()) {
            String customer = customers.canonical(o.customerId(), o.uscc());
            if (customer != null && !o.cancelled() && o.orderedAt() != null) {
                byCustomer.computeIfAbsent(customer, c -> new ArrayList<>()).add(o);
            }
        }
        facts.memo().ordersByCustomer = byCustomer; // the customers index is the facts' own, so the answer is too
        return byCustomer;
    }

    /** Whether a sorted array holds an instant in [from, to): a binary search for the first at or after from. */
    static boolean anyIn(Instant[] sorted, Instant from, Instant to) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (sorted[mid].isBefore(from)) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low < sorted.length && sorted[low].isBefore(to);
    }

    static List<KpiRow> retention(Facts facts, Period period, Dimension by, KpiSettings settings) {
        Facts.Customers customers = facts.customers();
        // each customer's order instants sorted once: "active at t" is then one binary search (an order in the window before t)
        Map<String, Instant[]> orders = new HashMap<>();
        ordersByCustomer(facts, customers).forEach((customer, list) -> orders.put(customer,
                list.stream().map(OrderFact::orderedAt).sorted().toArray(Instant[]::new)));
        Duration window = Duration.ofDays(settings.activeWindowDays());
        List<Period.Named> periods = by == MONTH ? period.months() : List.of(new Period.Named(ALL, period));
        List<KpiRow> rows = new ArrayList<>();
        for (Period.Named named : periods) {
            Instant start = named.period().from();
            Instant end = named.period().to();
            Map<String, long[]> groups = new TreeMap<>();
            orders.forEach((customer, times) -> {
                if (!anyIn(times, start.minus(window), start)) {
                    return;
                }
                String group = by == MONTH || by == NONE ? named.name() : orUnknown(profileDim(customers.profile(customer), by));
                long[] counts = groups.computeIfAbsent(group, g -> new long[2]);
                counts[0]++;
                if (anyIn(times, end.minus(window), end)) {
                    counts[1]++;
                }
            });
            if (groups.isEmpty() && (by == NONE || by == MONTH)) {
                groups.put(named.name(), new long[2]);
            }
            groups.forEach((group, counts) -> {
                Double retention = Stats.ratio(counts[1], counts[0]);
                rows.add(new KpiRow(group, values("activeAtStart", counts[0], "retained", counts[1], "retentionRate", retention,
                        "churnRate", retention == null ? null : Stats.round(1 - retention))));
            });
        }
        return rows;
    }

    static List<KpiRow> repurchase(Facts facts, Period period, Dimension by, KpiSettings settings) {
        Facts.Customers customers = facts.customers();
        Map<String, List<OrderFact>> orders = ordersByCustomer(facts, customers);
        List<Period.Named> periods = by == MONTH ? period.months() : List.of(new Period.Named(ALL, period));
        List<KpiRow> rows = new ArrayList<>();
        for (Period.Named named : periods) {
            Map<String, long[]> groups = new TreeMap<>();
            orders.forEach((customer, list) -> {
                long inPeriod = list.stream().filter(o -> named.period().contains(o.orderedAt())).count();
                if (inPeriod > 0) {
                    String group = by == MONTH || by == NONE ? named.name() : orUnknown(profileDim(customers.profile(customer), by));
                    long[] counts = groups.computeIfAbsent(group, g -> new long[2]);
                    counts[0]++;
                    if (inPeriod >= 2) {
                        counts[1]++;
                    }
                }
            });
            if (groups.isEmpty() && (by == NONE || by == MONTH)) {
                groups.put(named.name(), new long[2]);
            }
            groups.forEach((group, counts) -> rows.add(new KpiRow(group, values("buyers", counts[0], "repeatBuyers", counts[1],
                    "rate", Stats.ratio(counts[1], counts[0])))));
        }
        return rows;
    }

    /** The RFM scores and segment of one customer at an instant. */
    public record RfmScore(String customerId, long recencyDays, int frequency, BigDecimal monetary, int r, int f, int m, String segment) {
    }

    static RfmScore rfmOf(String customer, List<OrderFact> orders, Instant at, KpiSettings settings) {
        Instant from = at.minus(Duration.ofDays(365));
        List<OrderFact> year = orders.stream().filter(o -> !o.orderedAt().isBefore(from) && o.orderedAt().isBefore(at)).toList();
        if (year.isEmpty()) {
            return null;
        }
        Instant last = year.stream().map(OrderFact::orderedAt).max(Comparator.naturalOrder()).orElseThrow();
        long recency = Duration.between(last, at).toDays();
        int frequency = year.size();
        BigDecimal monetary = sum(year.stream().map(OrderFact::amount).toList());
        int r = recency <= 30 ? 5 : recency <= 60 ? 4 : recency <= 90 ? 3 : recency <= 180 ? 2 : 1;
        int f = frequency >= 10 ? 5 : frequency >= 6 ? 4 : frequency >= 3 ? 3 : frequency;
        int m = 1;
        for (BigDecimal bound : settings.rfmMonetary()) {
            if (monetary.compareTo(bound) >= 0) {
                m++;
            }
        }
        String segment = r >= 4 && f >= 4 ? "CHAMPIONS" : f >= 4 ? "LOYAL" : f == 1 && r >= 4 ? "NEW"
                : r <= 2 && f >= 3 ? "AT_RISK" : r <= 2 ? "HIBERNATING" : "POTENTIAL";
        return new RfmScore(customer, recency, frequency, Stats.money(monetary), r, f, m, segment);
    }

    static List<KpiRow> rfm(Facts facts, Period period, Dimension by, KpiSettings settings) {
        Facts.Customers customers = facts.customers();
        Map<String, long[]> counts = new TreeMap<>();
        Map<String, BigDecimal> revenue = new TreeMap<>();
        ordersByCustomer(facts, customers).forEach((customer, orders) -> {
            RfmScore score = rfmOf(customer, orders, period.to(), settings);
            if (score != null) {
                String group = by == NONE ? score.segment() : orUnknown(profileDim(customers.profile(customer), by)) + " " + score.segment();
                counts.computeIfAbsent(group, g -> new long[1])[0]++;
                revenue.merge(group, score.monetary(), BigDecimal::add);
            }
        });
        List<KpiRow> rows = new ArrayList<>();
        counts.forEach((group, count) -> rows.add(new KpiRow(group, values("customers", count[0], "revenue", Stats.money(revenue.get(group))))));
        return rows;
    }

    /** The facts of one surviving customer, as the churn rules and the churn model read them. */
    public record CustomerFacts(List<TicketFact> tickets, List<OpportunityFact> opportunities, List<OrderFact> orders,
                                List<InvoiceFact> invoices) {
    }

    /**
     * Every known customer (a profile neither erased nor archived, or any order, ticket, invoice or opportunity) with
     * its facts and those of the customers merged into it.
     */
    public static Map<String, CustomerFacts> customerFacts(Facts facts) {
        Facts.Customers customers = facts.customers();
        Map<String, List<TicketFact>> tickets = new HashMap<>();
        Map<String, List<OpportunityFact>> opportunities = new HashMap<>();
        Map<String, List<OrderFact>> orders = new HashMap<>();
        Map<String, List<InvoiceFact>> invoices = new HashMap<>();
        Set<String> all = new HashSet<>(); // the answer is sorted by score and id, groups by a TreeMap: no order needed
        for (CustomerProfile p : facts.profiles()) {
            String c = customers.canonical(p.customerId(), null);
            if (c.equals(p.customerId()) && !"ERASED".equals(p.status()) && !"ARCHIVED".equals(p.status())) {
                all.add(c);
            }
        }
        for (TicketFact t : facts.tickets()) {
            add(tickets, customers.canonical(t.customerId(), null), t, all);
        }
        for (OpportunityFact o : facts.opportunities()) {
            add(opportunities, customers.canonical(o.customerId(), null), o, all);
        }
        for (OrderFact o : facts.orders()) {
            add(orders, customers.canonical(o.customerId(), o.uscc()), o, all);
        }
        for (InvoiceFact i : facts.invoices()) {
            add(invoices, customers.canonical(i.customerId(), i.uscc()), i, all);
        }
        Map<String, CustomerFacts> byCustomer = new HashMap<>();
        for (String customer : all) {
            byCustomer.put(customer, new CustomerFacts(tickets.getOrDefault(customer, List.of()), opportunities.getOrDefault(customer, List.of()),
                    orders.getOrDefault(customer, List.of()), invoices.getOrDefault(customer, List.of())));
        }
        return byCustomer;
    }

    /** The churn risk by the rules of every known customer ({@link #customerFacts}) at the instant. */
    public static List<ChurnRisk> churnRisks(Facts facts, Instant at, KpiSettings settings) {
        List<ChurnRisk> risks = new ArrayList<>();
        customerFacts(facts).forEach((customer, f) -> risks.add(rulesAt(customer, f, at, settings)));
        return risks;
    }

    public static ChurnRisk rulesAt(String customer, CustomerFacts f, Instant at, KpiSettings settings) {
        return ChurnRules.assess(customer, f.tickets(), f.opportunities(),
                f.orders().stream().filter(o -> o.orderedAt() != null && o.orderedAt().isBefore(at)).toList(), f.invoices(), at, settings.churn());
    }

    /** What produced the churn-risk score: the rules' points, or the model's churn probability × 100. */
    public static final String RULES = "rules";
    public static final String MODEL = "logistic-regression";

    private static <T> void add(Map<String, List<T>> map, String customer, T item, Set<String> all) {
        if (customer != null) {
            map.computeIfAbsent(customer, c -> new ArrayList<>()).add(item);
            all.add(customer);
        }
    }

    static final List<String> QUALITY_DIMENSIONS = List.of("COMPLETENESS", "VALIDITY", "TIMELINESS", "CONSISTENCY");

    /**
     * The customer's score at the instant: the latest of its own and its merged-away customers' scores before it. Ties
     * (one instant) go to the survivor's own score, then to the smallest customer id, so the answer is one.
     */
    static CustomerQuality.Score qualityAt(String customer, List<CustomerQuality> members, Instant end) {
        CustomerQuality.Score best = null;
        String bestOwner = null;
        for (CustomerQuality member : members) {
            CustomerQuality.Score score = member.at(end);
            if (score == null) {
                continue;
            }
            int order = best == null ? 1 : score.scoredAt().compareTo(best.scoredAt());
            if (order == 0) {
                boolean own = member.customerId().equals(customer);
                boolean bestOwn = bestOwner.equals(customer);
                order = own != bestOwn ? (own ? 1 : -1) : bestOwner.compareTo(member.customerId());
            }
            if (order > 0) {
                best = score;
                bestOwner = member.customerId();
            }
        }
        return best;
    }

    static List<KpiRow> dataQuality(Facts facts, Period period, Dimension by, KpiSettings settings) {
        Facts.Customers customers = facts.customers();
        // score histories by surviving customer; erased customers (and whatever was merged into them) are not counted
        Map<String, List<CustomerQuality>> byCustomer = new TreeMap<>();
        for (CustomerQuality quality : facts.qualities()) {
            String customer = customers.canonical(quality.customerId(), null);
            CustomerProfile profile = customers.profile(customer);
            if (profile == null || !"ERASED".equals(profile.status())) {
                byCustomer.computeIfAbsent(customer, c -> new ArrayList<>()).add(quality);
            }
        }
        List<Period.Named> snapshots = by == MONTH ? period.months() : List.of(new Period.Named(ALL, period));
        List<KpiRow> rows = new ArrayList<>();
        for (Period.Named snapshot : snapshots) {
            Instant end = snapshot.period().to();
            Map<String, List<CustomerQuality.Score>> groups = new TreeMap<>();
            byCustomer.forEach((customer, members) -> {
                CustomerQuality.Score score = qualityAt(customer, members, end);
                if (score != null) {
                    groups.computeIfAbsent(by == MONTH || by == NONE ? snapshot.name() : qualityDim(customers.profile(customer), score, by),
                            g -> new ArrayList<>()).add(score);
                }
            });
            if (groups.isEmpty() && (by == NONE || by == MONTH)) {
                groups.put(snapshot.name(), List.of());
            }
            groups.forEach((group, scores) -> {
                long low = scores.stream().filter(s -> s.score() < 50).count();
                long high = scores.stream().filter(s -> s.score() >= 80).count();
                long middle = scores.size() - low - high;
                Map<String, Object> issues = new LinkedHashMap<>();
                for (String dimension : QUALITY_DIMENSIONS) {
                    issues.put(dimension, scores.stream().mapToLong(s -> s.issues().getOrDefault(dimension, 0)).sum());
                }
                rows.add(new KpiRow(group, values("asOf", end.toString(), "customers", scores.size(),
                        "averageScore", Stats.average(scores.stream().map(s -> (double) s.score()).toList()),
                        "bands", values("lt50", low, "50to79", middle, "ge80", high),
                        "shares", values("lt50", Stats.ratio(low, scores.size()), "50to79", Stats.ratio(middle, scores.size()),
                                "ge80", Stats.ratio(high, scores.size())),
                        "issues", issues)));
            });
        }
        return rows;
    }

    /** The customer's current department, owner or tier; without a profile, the department and owner the score named. */
    static String qualityDim(CustomerProfile profile, CustomerQuality.Score score, Dimension by) {
        if (profile == null) {
            return orUnknown(by == DEPARTMENT ? score.department() : by == OWNER ? score.ownerId() : null);
        }
        return orUnknown(profileDim(profile, by));
    }

    static List<KpiRow> churnRisk(Facts facts, Period period, Dimension by, KpiSettings settings) {
        Instant at = period.to();
        Facts.Customers customers = facts.customers();
        LogisticModel model = settings.churnModel();
        String producer = model == null ? RULES : MODEL;
        List<ChurnRisk> risks = new ArrayList<>();
        customerFacts(facts).forEach((customer, f) -> {
            ChurnRisk rules = rulesAt(customer, f, at, settings);
            if (model == null) {
                risks.add(rules);
            } else {
                // the model gives the score; the reasons stay the rules', so a manager still sees why
                CustomerProfile profile = customers.profile(customer);
                double p = model.probability(ChurnFeatures.of(f.tickets(), f.opportunities(), f.orders(), f.invoices(),
                        profile == null ? null : profile.createdAt(), at));
                risks.add(new ChurnRisk(customer, (int) Math.round(100 * p), rules.reasons()));
            }
        });
        if (by == NONE) {
            return risks.stream().sorted(Comparator.comparingInt(ChurnRisk::score).reversed().thenComparing(ChurnRisk::customerId))
                    .limit(settings.churnRiskLimit())
                    .map(r -> new KpiRow(r.customerId(), values("score", r.score(), "model", producer, "reasons", r.reasons().stream()
                            .map(reason -> values("rule", reason.rule(), "points", reason.points(), "detail", reason.detail())).toList())))
                    .toList();
        }
        Map<String, List<ChurnRisk>> groups = new TreeMap<>();
        for (ChurnRisk risk : risks) {
            groups.computeIfAbsent(orUnknown(profileDim(customers.profile(risk.customerId()), by)), g -> new ArrayList<>()).add(risk);
        }
        List<KpiRow> rows = new ArrayList<>();
        groups.forEach((group, list) -> rows.add(new KpiRow(group, values("customers", list.size(),
                "averageScore", Stats.average(list.stream().map(r -> (double) r.score()).toList()),
                "atRisk", list.stream().filter(r -> r.score() >= 50).count(), "model", producer))));
        return rows;
    }

    private KpiCatalog() {
    }
}
