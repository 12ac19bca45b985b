package org.crmsuite.analytics.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.crmsuite.analytics.support.HistoryGenerator;

/**
 * {@code by=month}: each month's row of every KPI that has one equals the brute-force recount over that month (cut to
 * the period; point-in-time KPIs at the month's end), for random histories delivered out of order and with
 * redeliveries; a month without a row is one the recount finds nothing to count in.
 */
class MonthlyKpiRecountPropertiesTest {

    /** {@code count}: the fields that are all 0 when there is nothing to count (no row by month), or null when a month always has a row. */
    record Recount(String[] fields, String count, Function<BruteForce, Map<String, Object>> brute) {
    }

    static final Map<String, Recount> KPIS = new LinkedHashMap<>();

    static {
        KPIS.put("first-response-time", new Recount(new String[] {"tickets", "median", "p90"}, "tickets", BruteForce::firstResponse));
        KPIS.put("resolution-time", new Recount(new String[] {"tickets", "median", "p90"}, "tickets", BruteForce::resolution));
        KPIS.put("sla-compliance", new Recount(new String[] {"resolved", "breached", "compliance"}, "resolved", BruteForce::slaCompliance));
        KPIS.put("backlog", new Recount(new String[] {"open", "ageing"}, null, BruteForce::backlog));
        KPIS.put("csat", new Recount(new String[] {"ratings", "average", "distribution"}, "ratings", BruteForce::csat));
        KPIS.put("nps", new Recount(new String[] {"responses", "nps"}, "responses", BruteForce::nps));
        KPIS.put("lead-conversion", new Recount(new String[] {"leads", "converted", "rate"}, "leads", BruteForce::leadConversion));
        KPIS.put("win-rate", new Recount(new String[] {"won", "lost", "rate"}, "won,lost", BruteForce::winRate));
        KPIS.put("average-deal-size", new Recount(new String[] {"won", "revenue", "average"}, "won", BruteForce::averageDealSize));
        KPIS.put("sales-cycle", new Recount(new String[] {"won", "averageDays", "medianDays"}, "won", BruteForce::salesCycle));
        KPIS.put("pipeline-value", new Recount(new String[] {"open", "value", "weighted"}, null, BruteForce::pipeline));
        KPIS.put("repurchase-rate", new Recount(new String[] {"buyers", "repeatBuyers", "rate"}, "buyers", BruteForce::repurchase));
        KPIS.put("retention", new Recount(new String[] {"activeAtStart", "retained", "retentionRate"}, "activeAtStart",
                b -> b.retention(KpiSettings.DEFAULT.activeWindowDays())));
    }

    @Property(tries = 15)
    void everyMonthsRowEqualsTheRecountOverThatMonth(@ForAll long seed, @ForAll @IntRange(min = 0, max = 150) int fromDay,
                                                     @ForAll @IntRange(min = 20, max = 120) int days) {
        KpiRecountPropertiesTest.Run run = KpiRecountPropertiesTest.run(seed);
        Instant from = HistoryGenerator.T0.plus(Duration.ofDays(fromDay)).plus(Duration.ofMinutes(seed & 1023));
        Period period = new Period(from, from.plus(Duration.ofDays(days)), ZoneOffset.UTC);
        KPIS.forEach((kpi, recount) -> {
            Map<String, KpiRow> rows = new LinkedHashMap<>();
            for (KpiRow row : KpiCatalog.find(kpi).orElseThrow().computation().compute(run.facts(), period, Dimension.MONTH, KpiSettings.DEFAULT)) {
                rows.put(row.group(), row);
            }
            for (Period.Named month : period.months()) {
                Map<String, Object> brute = recount.brute().apply(new BruteForce(run.delivered(), month.period().from(), month.period().to()));
                KpiRow row = rows.remove(month.name());
                if (row == null && recount.count() != null) {
                    for (String count : recount.count().split(",")) {
                        assertThat(brute.get(count)).as(kpi + " " + month.name() + " has no row").hasToString("0");
                    }
                    continue;
                }
                assertThat(row).as(kpi + " " + month.name()).isNotNull();
                assertThat(KpiRecountPropertiesTest.textOf(KpiRecountPropertiesTest.pick(row.values(), recount.fields())))
                        .as(kpi + " " + month.name()).isEqualTo(KpiRecountPropertiesTest.text(brute));
            }
            assertThat(rows).as(kpi + ": rows outside the period's months").isEmpty();
        });
    }
}
