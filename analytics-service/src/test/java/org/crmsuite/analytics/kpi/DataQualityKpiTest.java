package org.crmsuite.analytics.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.crmsuite.analytics.model.CustomerProfile;
import org.crmsuite.analytics.model.CustomerQuality;
import org.crmsuite.analytics.model.MergeFact;
import org.junit.jupiter.api.Test;

/** The data-quality KPI on a hand-made history: as-of scores per month, merges folded, erasures left out, access. */
class DataQualityKpiTest {

    static CustomerProfile profile(String id, String department, String status) {
        return new CustomerProfile(id, "C-000001", null, null, null, List.of(), null, null, "rep", department, "KEY", "ACTIVE", status,
                Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2025-01-01T00:00:00Z"));
    }

    static CustomerQuality.Score score(String at, int score, Map<String, Integer> issues) {
        return new CustomerQuality.Score(Instant.parse(at), score, "/somewhere/else", "rep", issues);
    }

    // A (east) with L merged into it, B (west), E (east, erased)
    static final Facts FACTS = new Facts(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
            List.of(profile("A", "/sales/east", "ACTIVE"), profile("B", "/sales/west", "ACTIVE"), profile("L", "/sales/west", "ACTIVE"),
                    profile("E", "/sales/east", "ERASED")),
            List.of(new MergeFact("m1", "L", "A", true, Instant.parse("2026-02-01T00:00:00Z"))),
            List.of(new CustomerQuality("A", List.of(score("2026-01-10T00:00:00Z", 40, Map.of("COMPLETENESS", 2)),
                            score("2026-02-10T00:00:00Z", 85, Map.of()))),
                    new CustomerQuality("L", List.of(score("2026-01-20T00:00:00Z", 60, Map.of("VALIDITY", 1)))),
                    new CustomerQuality("B", List.of(score("2026-02-05T00:00:00Z", 70, Map.of("TIMELINESS", 1, "COMPLETENESS", 1)))),
                    new CustomerQuality("E", List.of(score("2026-01-05T00:00:00Z", 90, Map.of())))));

    static final Period PERIOD = new Period(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-03-01T00:00:00Z"), ZoneOffset.UTC);

    static List<KpiRow> compute(Facts facts, Dimension by) {
        return KpiCatalog.find("data-quality").orElseThrow().computation().compute(facts, PERIOD, by, KpiSettings.DEFAULT);
    }

    @Test
    void eachMonthCountsTheLatestScoreOfEachSurvivorAndLeavesErasedCustomersOut() {
        List<KpiRow> months = compute(FACTS, Dimension.MONTH);
        assertThat(months).extracting(KpiRow::group).containsExactly("2026-01", "2026-02");
        // January: A's latest of its own (40, 10 Jan) and its merged-away L's (60, 20 Jan) is L's; B not scored yet; E erased
        assertThat(months.get(0).values()).containsEntry("asOf", "2026-02-01T00:00:00Z").containsEntry("customers", 1)
                .containsEntry("averageScore", 60.0);
        assertThat(months.get(0).values().get("bands")).isEqualTo(Map.of("lt50", 0L, "50to79", 1L, "ge80", 0L));
        assertThat(months.get(0).values().get("issues")).isEqualTo(Map.of("COMPLETENESS", 0L, "VALIDITY", 1L, "TIMELINESS", 0L, "CONSISTENCY", 0L));
        // February: A 85 (its own, newer), B 70
        assertThat(months.get(1).values()).containsEntry("customers", 2).containsEntry("averageScore", 77.5);
        assertThat(months.get(1).values().get("shares")).isEqualTo(Map.of("lt50", 0.0, "50to79", 0.5, "ge80", 0.5));
        assertThat(months.get(1).values().get("issues")).isEqualTo(Map.of("COMPLETENESS", 1L, "VALIDITY", 0L, "TIMELINESS", 1L, "CONSISTENCY", 0L));
        // the whole period is its last month's snapshot
        assertThat(compute(FACTS, Dimension.NONE).get(0).values()).isEqualTo(months.get(1).values());
    }

    @Test
    void departmentsAreTheCustomersCurrentOnesAndAManagerSeesOnlyHis() {
        List<KpiRow> departments = compute(FACTS, Dimension.DEPARTMENT);
        assertThat(departments).extracting(KpiRow::group).containsExactly("/sales/east", "/sales/west");
        assertThat(departments).extracting(row -> row.values().get("customers")).containsExactly(1, 1);

        Facts east = FACTS.visible((owner, department) -> KpiService.within(department, "/sales"))
                .visible((owner, department) -> KpiService.within(department, "/sales/east"));
        List<KpiRow> seen = compute(east, Dimension.NONE);
        assertThat(seen.get(0).values()).containsEntry("customers", 1).containsEntry("averageScore", 85.0);
        assertThat(KpiService.within("/sales/east", "/sales")).isTrue();
        assertThat(KpiService.within("/salesforce", "/sales")).isFalse();
        assertThat(KpiService.within(null, "/sales")).isFalse();
    }

    @Test
    void aTieGoesToTheSurvivorsOwnScore() {
        Instant at = Instant.parse("2026-01-15T00:00:00Z");
        Facts facts = new Facts(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(profile("A", "/sales/east", "ACTIVE")),
                List.of(new MergeFact("m1", "L", "A", true, at)),
                List.of(new CustomerQuality("L", List.of(new CustomerQuality.Score(at, 10, null, null, Map.of()))),
                        new CustomerQuality("A", List.of(new CustomerQuality.Score(at, 90, null, null, Map.of())))));
        assertThat(compute(facts, Dimension.NONE).get(0).values()).containsEntry("averageScore", 90.0);
        assertThat(compute(FACTS, Dimension.TIER)).extracting(KpiRow::group).containsExactly("KEY");
    }
}
