package org.crmsuite.analytics.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.crmsuite.analytics.event.AnalyticsEvent;
import org.crmsuite.analytics.model.CampaignFact;
import org.crmsuite.analytics.model.Customer360;
import org.crmsuite.analytics.model.CustomerProfile;
import org.crmsuite.analytics.model.CustomerQuality;
import org.crmsuite.analytics.model.InvoiceFact;
import org.crmsuite.analytics.model.LeadFact;
import org.crmsuite.analytics.model.MergeFact;
import org.crmsuite.analytics.model.OpportunityFact;
import org.crmsuite.analytics.model.OrderFact;
import org.crmsuite.analytics.model.TicketFact;
import org.crmsuite.analytics.projection.InMemoryReadModelStore;
import org.crmsuite.analytics.projection.Projector;
import org.crmsuite.analytics.projection.ReadModel;
import org.crmsuite.analytics.support.HistoryGenerator;

/**
 * Every KPI, computed from the live read models that random histories built when delivered out of order and with
 * redeliveries, equals a brute-force recount over the same raw events ({@link BruteForce}); and the read models
 * equal those of an in-order delivery and of a rebuild.
 */
class KpiRecountPropertiesTest {

    record Run(List<AnalyticsEvent> history, List<AnalyticsEvent> delivered, InMemoryReadModelStore store, Facts facts) {
    }

    static Run run(long seed) {
        HistoryGenerator generator = new HistoryGenerator(seed);
        List<AnalyticsEvent> history = generator.generate(HistoryGenerator.Sizes.small());
        List<AnalyticsEvent> delivered = generator.redelivered(history);
        InMemoryReadModelStore store = new InMemoryReadModelStore();
        Projector projector = new Projector(store);
        delivered.forEach(projector::apply);
        return new Run(history, delivered, store, factsOf(store));
    }

    static Facts factsOf(InMemoryReadModelStore store) {
        return new Facts(store.all(ReadModel.TICKET, TicketFact.class), store.all(ReadModel.OPPORTUNITY, OpportunityFact.class),
                store.all(ReadModel.LEAD, LeadFact.class), store.all(ReadModel.CAMPAIGN, CampaignFact.class),
                store.all(ReadModel.ORDER, OrderFact.class), store.all(ReadModel.INVOICE, InvoiceFact.class),
                store.all(ReadModel.PROFILE, CustomerProfile.class), store.all(ReadModel.MERGE, MergeFact.class),
                store.all(ReadModel.QUALITY, CustomerQuality.class));
    }

    static Map<String, Object> kpi(Facts facts, String name, Period period) {
        List<KpiRow> rows = KpiCatalog.find(name).orElseThrow().computation().compute(facts, period, Dimension.NONE, KpiSettings.DEFAULT);
        assertThat(rows).as(name).hasSize(1);
        return rows.get(0).values();
    }

    /** The named values as text, so 3 and 3L and "3" compare equal; nested maps sorted. */
    static Map<String, String> pick(Map<String, Object> values, String... names) {
        Map<String, String> picked = new TreeMap<>();
        for (String name : names) {
            Object value = values.get(name);
            if (value instanceof Map<?, ?> map) {
                Map<String, String> sorted = new TreeMap<>();
                map.forEach((k, v) -> sorted.put(k.toString(), String.valueOf(v)));
                value = sorted;
            }
            if (value instanceof BigDecimal decimal) {
                value = decimal.toPlainString();
            }
            picked.put(name, String.valueOf(value));
        }
        return picked;
    }

    static Map<String, String> text(Map<String, Object> brute) {
        Map<String, String> values = new TreeMap<>();
        brute.forEach((k, v) -> values.put(k, String.valueOf(v).replace("{", "").replace("}", "").replace("=", ":")));
        return values;
    }

    static Map<String, String> textOf(Map<String, String> live) {
        Map<String, String> values = new TreeMap<>();
        live.forEach((k, v) -> values.put(k, v.replace("{", "").replace("}", "").replace("=", ":")));
        return values;
    }

    @Property(tries = 30)
    void everyKpiEqualsABruteForceRecountOfTheRawEvents(@ForAll long seed, @ForAll @IntRange(min = 0, max = 160) int fromDay,
                                                       @ForAll @IntRange(min = 1, max = 120) int days) {
        Run run = run(seed);
        Instant from = HistoryGenerator.T0.plus(Duration.ofDays(fromDay)).plus(Duration.ofMinutes(seed & 1023));
        Instant to = from.plus(Duration.ofDays(days));
        Period period = new Period(from, to, ZoneOffset.UTC);
        BruteForce brute = new BruteForce(run.delivered(), from, to);
        Facts facts = run.facts();

        assertThat(textOf(pick(kpi(facts, "first-response-time", period), "tickets", "median", "p90"))).isEqualTo(text(brute.firstResponse()));
        assertThat(textOf(pick(kpi(facts, "resolution-time", period), "tickets", "median", "p90"))).isEqualTo(text(brute.resolution()));
        assertThat(textOf(pick(kpi(facts, "sla-compliance", period), "resolved", "breached", "compliance"))).isEqualTo(text(brute.slaCompliance()));
        assertThat(textOf(pick(kpi(facts, "backlog", period), "open", "ageing"))).isEqualTo(text(brute.backlog()));
        assertThat(textOf(pick(kpi(facts, "csat", period), "ratings", "average", "distribution"))).isEqualTo(text(brute.csat()));
        assertThat(textOf(pick(kpi(facts, "nps", period), "responses", "nps"))).isEqualTo(text(brute.nps()));
        assertThat(textOf(pick(kpi(facts, "lead-conversion", period), "leads", "converted", "rate"))).isEqualTo(text(brute.leadConversion()));
        assertThat(textOf(pick(kpi(facts, "win-rate", period), "won", "lost", "rate"))).isEqualTo(text(brute.winRate()));
        assertThat(textOf(pick(kpi(facts, "average-deal-size", period), "won", "revenue", "average"))).isEqualTo(text(brute.averageDealSize()));
        assertThat(textOf(pick(kpi(facts, "pipeline-value", period), "open", "value", "weighted"))).isEqualTo(text(brute.pipeline()));
        assertThat(textOf(pick(kpi(facts, "campaign-roi", period), "campaigns", "cost", "revenue", "roi", "responseRate"))).isEqualTo(text(brute.campaignRoi()));
        assertThat(textOf(pick(kpi(facts, "repurchase-rate", period), "buyers", "repeatBuyers", "rate"))).isEqualTo(text(brute.repurchase()));
        assertThat(textOf(pick(kpi(facts, "retention", period), "activeAtStart", "retained", "retentionRate")))
                .isEqualTo(text(brute.retention(KpiSettings.DEFAULT.activeWindowDays())));
        assertThat(textOf(pick(kpi(facts, "sales-cycle", period), "won", "averageDays", "medianDays"))).isEqualTo(text(brute.salesCycle()));
        assertThat(rows(facts, "stage-conversion", period, "entered", "moved", "rate")).isEqualTo(brute.stageConversion());
        assertThat(rows(facts, "rfm", period, "customers", "revenue")).isEqualTo(brute.rfm());
        assertThat(textOf(pick(kpi(facts, "data-quality", period), "customers", "averageScore", "bands", "shares", "issues")))
                .isEqualTo(text(brute.dataQuality()));
    }

    /** A KPI whose rows are groups (stage moves, segments), by none: group → its values joined by ':'. */
    static Map<String, String> rows(Facts facts, String name, Period period, String... names) {
        return rows(facts, name, period, Dimension.NONE, names);
    }

    /** The same by a dimension: group → its values joined by ':'. */
    static Map<String, String> rows(Facts facts, String name, Period period, Dimension by, String... names) {
        Map<String, String> rows = new TreeMap<>();
        for (KpiRow row : KpiCatalog.find(name).orElseThrow().computation().compute(facts, period, by, KpiSettings.DEFAULT)) {
            List<String> values = new java.util.ArrayList<>();
            for (String field : names) {
                Object value = row.values().get(field);
                values.add(value instanceof BigDecimal decimal ? decimal.toPlainString() : String.valueOf(value));
            }
            rows.put(row.group(), String.join(":", values));
        }
        return rows;
    }

    @Property(tries = 15)
    void readModelsDoNotDependOnArrivalOrderRedeliveryOrRebuild(@ForAll long seed) {
        Run shuffled = run(seed);
        InMemoryReadModelStore inOrder = new InMemoryReadModelStore();
        Projector projector = new Projector(inOrder);
        shuffled.history().forEach(projector::apply);
        assertThat(shuffled.store().snapshot()).isEqualTo(inOrder.snapshot());

        projector.rebuild();
        assertThat(inOrder.snapshot()).isEqualTo(shuffled.store().snapshot());
    }

    /**
     * The intake applies a Kafka poll as one batch ({@link Projector#applyAll}): cut the same shuffled, redelivered
     * stream into random batches, with the histories cache off, tiny or large, and the read models, and the in-memory
     * mirror the KPIs read, are those of one by one.
     */
    @Property(tries = 15)
    void batchesGiveTheReadModelsOfOneByOneAndTheMirrorFollowsThem(@ForAll long seed, @ForAll @IntRange(min = 1, max = 60) int maxBatch) {
        Run oneByOne = run(seed);
        InMemoryReadModelStore batched = new InMemoryReadModelStore();
        FactsMirror mirror = new FactsMirror(batched, Duration.ZERO, java.time.Clock.systemUTC());
        mirror.load();
        // a histories cache of 0 (off), a few events (evicting all the time) or the default
        Projector projector = new Projector(batched, maxBatch % 3 == 0 ? 0 : maxBatch % 3 == 1 ? maxBatch : Projector.DEFAULT_HISTORY_CACHE);
        java.util.Random random = new java.util.Random(seed);
        List<AnalyticsEvent> delivered = oneByOne.delivered();
        int applied = 0;
        for (int i = 0; i < delivered.size(); ) {
            int size = 1 + random.nextInt(maxBatch);
            applied += projector.applyAll(delivered.subList(i, Math.min(delivered.size(), i + size))).size();
            i += size;
        }
        assertThat(applied).isEqualTo(oneByOne.history().size());
        assertThat(batched.snapshot()).isEqualTo(oneByOne.store().snapshot());
        assertThat(mirror.facts()).isEqualTo(oneByOne.facts());

        projector.rebuild();
        assertThat(batched.snapshot()).isEqualTo(oneByOne.store().snapshot());
        assertThat(mirror.facts()).isEqualTo(oneByOne.facts());
    }

    /**
     * The service defers the customer 360s to a second, coalescing pass: whatever polls fall between two passes, and
     * if the process stops with 360s pending (a new projector on the same store takes the stored marks), once the
     * last pass ran every read model is that of one by one; the KPI facts never wait for a pass.
     */
    @Property(tries = 15)
    void aDeferredCoalescingCustomer360PassGivesTheReadModelsOfOneByOne(@ForAll long seed, @ForAll @IntRange(min = 1, max = 60) int maxBatch) {
        Run oneByOne = run(seed);
        InMemoryReadModelStore deferred = new InMemoryReadModelStore();
        FactsMirror mirror = new FactsMirror(deferred, Duration.ZERO, java.time.Clock.systemUTC());
        mirror.load();
        int cache = maxBatch % 2 == 0 ? maxBatch : Projector.DEFAULT_HISTORY_CACHE;
        Projector projector = new Projector(deferred, cache, true);
        java.util.Random random = new java.util.Random(seed);
        List<AnalyticsEvent> delivered = oneByOne.delivered();
        int applied = 0;
        int reported = 0;
        for (int i = 0; i < delivered.size(); ) {
            int size = 1 + random.nextInt(maxBatch);
            applied += projector.applyAll(delivered.subList(i, Math.min(delivered.size(), i + size))).size();
            i += size;
            int dice = random.nextInt(6);
            if (dice == 0) {
                reported += projector.refreshPending().events().size();
            } else if (dice == 1) {
                projector = new Projector(deferred, cache, true); // a restart with 360s pending: their marks were stored
                reported = applied;
            }
        }
        assertThat(mirror.facts()).isEqualTo(oneByOne.facts());
        reported += projector.refreshPending().events().size();
        assertThat(applied).isEqualTo(oneByOne.history().size());
        assertThat(reported).isEqualTo(applied);
        assertThat(deferred.pending360()).isEmpty();
        assertThat(deferred.snapshot()).isEqualTo(oneByOne.store().snapshot());

        projector.rebuild();
        assertThat(projector.refreshPending().events()).isEmpty();
        assertThat(deferred.snapshot()).isEqualTo(oneByOne.store().snapshot());
    }

    @Property(tries = 15)
    void dimensionsPartitionTheWholeAndEveryKpiAnswersForEveryDimension(@ForAll long seed) {
        Run run = run(seed);
        Period period = new Period(HistoryGenerator.T0, HistoryGenerator.T0.plus(Duration.ofDays(120)), ZoneOffset.UTC);
        for (KpiDefinition definition : KpiCatalog.all()) {
            for (Dimension by : definition.dimensions()) {
                assertThat(definition.computation().compute(run.facts(), period, by, KpiSettings.DEFAULT)).as(definition.name() + " by " + by).isNotNull();
            }
        }
        int total = ((Number) kpi(run.facts(), "resolution-time", period).get("tickets")).intValue();
        for (Dimension by : List.of(Dimension.QUEUE, Dimension.AGENT, Dimension.PRIORITY, Dimension.TYPE, Dimension.MONTH)) {
            int sum = KpiCatalog.find("resolution-time").orElseThrow().computation().compute(run.facts(), period, by, KpiSettings.DEFAULT)
                    .stream().mapToInt(row -> ((Number) row.values().get("tickets")).intValue()).sum();
            assertThat(sum).as("resolution-time by " + by).isEqualTo(total);
        }
        // data quality: the departments (owners, tiers) partition the customers scored at the end; the last month's
        // snapshot is the period's
        int scored = ((Number) kpi(run.facts(), "data-quality", period).get("customers")).intValue();
        for (Dimension by : List.of(Dimension.DEPARTMENT, Dimension.OWNER, Dimension.TIER)) {
            int sum = KpiCatalog.find("data-quality").orElseThrow().computation().compute(run.facts(), period, by, KpiSettings.DEFAULT)
                    .stream().mapToInt(row -> ((Number) row.values().get("customers")).intValue()).sum();
            assertThat(sum).as("data-quality by " + by).isEqualTo(scored);
        }
        List<KpiRow> months = KpiCatalog.find("data-quality").orElseThrow().computation().compute(run.facts(), period, Dimension.MONTH, KpiSettings.DEFAULT);
        assertThat(months.get(months.size() - 1).values().get("customers")).isEqualTo(scored);
    }

    @Property(tries = 15)
    void theCustomer360OfASurvivorHoldsTheOrdersOfEveryCustomerMergedIntoIt(@ForAll long seed) {
        Run run = run(seed);
        BruteForce brute = new BruteForce(run.delivered(), Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"));
        Map<String, List<Instant>> orders = brute.orders();
        for (Customer360 view : run.store().all(ReadModel.CUSTOMER_360, Customer360.class)) {
            if (view.mergedInto() != null) {
                assertThat(brute.canonical(view.customerId())).isNotEqualTo(view.customerId());
                continue;
            }
            long live = view.orders().stream().filter(o -> !o.cancelled()).count();
            assertThat(live).as("orders of " + view.customerId()).isEqualTo(orders.getOrDefault(view.customerId(), List.of()).size());
        }
    }
}
