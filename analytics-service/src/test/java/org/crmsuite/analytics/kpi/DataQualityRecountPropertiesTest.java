package org.crmsuite.analytics.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.crmsuite.analytics.support.HistoryGenerator;

/**
 * Data quality by department over time equals a brute-force recount over the raw events
 * ({@link BruteForce#dataQualityOverTime}), for random histories delivered out of order and with redeliveries: each
 * month's end (cut in the business time zone) by month, by department at each month's end, and one department (and
 * the ones below it) over time ({@code ?by=month&department=/sales}).
 */
class DataQualityRecountPropertiesTest {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    @Property(tries = 25)
    void dataQualityByDepartmentOverTimeEqualsABruteForceRecount(@ForAll long seed, @ForAll @IntRange(min = 0, max = 200) int fromDay,
                                                                 @ForAll @IntRange(min = 1, max = 150) int days) {
        KpiRecountPropertiesTest.Run run = KpiRecountPropertiesTest.run(seed);
        Instant from = HistoryGenerator.T0.plus(Duration.ofDays(fromDay)).plus(Duration.ofMinutes(seed & 4095));
        Period period = new Period(from, from.plus(Duration.ofDays(days)), ZONE);
        BruteForce brute = new BruteForce(run.delivered(), period.from(), period.to());

        assertThat(summaries(run.facts(), period, Dimension.MONTH, "")).isEqualTo(brute.dataQualityOverTime(ZONE, false, null));

        Map<String, String> byDepartment = new TreeMap<>();
        for (Period.Named month : period.months()) {
            byDepartment.putAll(summaries(run.facts(), month.period(), Dimension.DEPARTMENT, month.name() + "/"));
        }
        assertThat(byDepartment).isEqualTo(brute.dataQualityOverTime(ZONE, true, null));

        for (String department : List.of("/sales", "/service/tier-1")) {
            Facts inDepartment = run.facts().visible((owner, d) -> d != null && (d.equals(department) || d.startsWith(department + "/")));
            assertThat(summaries(inDepartment, period, Dimension.MONTH, "")).as(department)
                    .isEqualTo(brute.dataQualityOverTime(ZONE, false, department));
        }
    }

    /** The live rows in {@link BruteForce#qualitySummary}'s form, by group (prefixed). */
    static Map<String, String> summaries(Facts facts, Period period, Dimension by, String prefix) {
        Map<String, String> rows = new TreeMap<>();
        for (KpiRow row : KpiCatalog.find("data-quality").orElseThrow().computation().compute(facts, period, by, KpiSettings.DEFAULT)) {
            Map<String, Object> v = row.values();
            rows.put(prefix + row.group(), v.get("customers") + ":" + v.get("averageScore") + ":" + three(v.get("bands")) + ":"
                    + three(v.get("shares")) + ":" + join(v.get("issues"), "COMPLETENESS", "VALIDITY", "TIMELINESS", "CONSISTENCY"));
        }
        return rows;
    }

    static String three(Object map) {
        return join(map, "lt50", "50to79", "ge80");
    }

    static String join(Object map, String... keys) {
        Map<?, ?> m = (Map<?, ?>) map;
        StringBuilder text = new StringBuilder();
        for (String key : keys) {
            text.append(text.isEmpty() ? "" : ",").append(m.get(key));
        }
        return text.toString();
    }
}
