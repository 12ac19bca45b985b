package org.crmsuite.analytics.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.crmsuite.analytics.model.ChurnRisk;
import org.crmsuite.analytics.model.ChurnRules;
import org.crmsuite.analytics.model.Customer360;
import org.crmsuite.analytics.projection.ReadModel;
import org.crmsuite.analytics.support.HistoryGenerator;

/**
 * The churn-risk score and its reasons, per customer, at a fixed instant, equal a brute-force recount of the rules
 * over the same raw events ({@link BruteForce#churnRisk}), for random histories delivered out of order and with
 * redeliveries: as the KPI answers it at a period's end (inside the history, so facts after the end must not count,
 * or after all of it: "now") and as the customer 360 answers it at its clock's "now".
 */
class ChurnRiskRecountPropertiesTest {

    static final int WINDOW = KpiSettings.DEFAULT.churn().windowDays();
    static final int NO_CONTACT = KpiSettings.DEFAULT.churn().noContactDays();

    @Property(tries = 40)
    void churnRiskScoresAndReasonsEqualABruteForceRecountOfTheRules(@ForAll long seed, @ForAll @IntRange(min = 0, max = 240) int atDay) {
        KpiRecountPropertiesTest.Run run = KpiRecountPropertiesTest.run(seed);
        Instant at = HistoryGenerator.T0.plus(Duration.ofDays(atDay)).plus(Duration.ofMinutes(seed & 4095));
        Period period = new Period(at.minus(Duration.ofDays(30)), at, ZoneOffset.UTC);
        Map<String, String> brute = new BruteForce(run.delivered(), period.from(), at).churnRisk(WINDOW, NO_CONTACT);

        Map<String, String> live = new TreeMap<>();
        for (KpiRow row : KpiCatalog.find("churn-risk").orElseThrow().computation().compute(run.facts(), period, Dimension.NONE, KpiSettings.DEFAULT)) {
            assertThat(row.values().get("model")).isEqualTo(KpiCatalog.RULES);
            live.put(row.group(), text(row));
        }
        assertThat(live).isEqualTo(brute);

        // by a dimension: customers, average score and customers at risk (score ≥ 50) per the customer's current department
        Map<String, String> profiles = new TreeMap<>();
        run.delivered().stream().filter(e -> e.type().equals("crm.customer.created.v1")).forEach(e -> profiles.put(e.text("customerId"), e.text("department")));
        Map<String, List<Integer>> groups = new TreeMap<>();
        brute.forEach((customer, risk) -> groups.computeIfAbsent(profiles.getOrDefault(customer, "(none)"), g -> new ArrayList<>())
                .add(Integer.parseInt(risk.substring(0, risk.indexOf('|') < 0 ? risk.length() : risk.indexOf('|')))));
        Map<String, String> bruteGroups = new TreeMap<>();
        groups.forEach((group, scores) -> bruteGroups.put(group, scores.size() + ":"
                + BruteForce.round(scores.stream().mapToInt(Integer::intValue).sum() / (double) scores.size()) + ":"
                + scores.stream().filter(s -> s >= 50).count()));
        assertThat(KpiRecountPropertiesTest.rows(run.facts(), "churn-risk", period, Dimension.DEPARTMENT, "customers", "averageScore", "atRisk"))
                .isEqualTo(bruteGroups);
    }

    /**
     * With the churn model (any model: its weights are given, not the point), each customer's score is the model's
     * probability × 100 of the features recounted from the raw events ({@link BruteForce#churnFeatures}), and the
     * reasons stay the rules'.
     */
    @Property(tries = 25)
    void withTheChurnModelTheScoreIsTheModelsProbabilityOfTheRecountedFeatures(@ForAll long seed, @ForAll @IntRange(min = 0, max = 240) int atDay) {
        KpiRecountPropertiesTest.Run run = KpiRecountPropertiesTest.run(seed);
        Instant at = HistoryGenerator.T0.plus(Duration.ofDays(atDay)).plus(Duration.ofMinutes(seed & 4095));
        Period period = new Period(at.minus(Duration.ofDays(30)), at, ZoneOffset.UTC);
        java.util.Random random = new java.util.Random(seed);
        int k = org.crmsuite.analytics.churn.ChurnFeatures.NAMES.size();
        double[] means = new double[k];
        double[] scales = new double[k];
        double[] weights = new double[k];
        for (int j = 0; j < k; j++) {
            means[j] = random.nextDouble() * 3;
            scales[j] = 0.5 + random.nextDouble() * 5;
            weights[j] = random.nextGaussian();
        }
        double bias = random.nextGaussian();
        org.crmsuite.analytics.churn.LogisticModel model = new org.crmsuite.analytics.churn.LogisticModel(
                org.crmsuite.analytics.churn.ChurnFeatures.NAMES, means, scales, weights, bias);
        BruteForce brute = new BruteForce(run.delivered(), period.from(), at);
        Map<String, String> rules = brute.churnRisk(WINDOW, NO_CONTACT);
        Map<String, String> expected = new TreeMap<>();
        brute.churnFeatures().forEach((customer, x) -> {
            double logit = bias;
            for (int j = 0; j < k; j++) {
                logit += weights[j] * (x[j] - means[j]) / scales[j];
            }
            long score = Math.round(100 / (1 + Math.exp(-logit)));
            String risk = rules.get(customer);
            expected.put(customer, score + (risk.indexOf('|') < 0 ? "" : risk.substring(risk.indexOf('|'))));
        });

        Map<String, String> live = new TreeMap<>();
        for (KpiRow row : KpiCatalog.find("churn-risk").orElseThrow().computation()
                .compute(run.facts(), period, Dimension.NONE, KpiSettings.DEFAULT.withChurnModel(model))) {
            assertThat(row.values().get("model")).isEqualTo(KpiCatalog.MODEL);
            live.put(row.group(), text(row));
        }
        assertThat(live).isEqualTo(expected);
    }

    static String text(KpiRow row) {
        List<String> parts = new ArrayList<>(List.of(String.valueOf(row.values().get("score"))));
        for (Object reason : (List<?>) row.values().get("reasons")) {
            Map<?, ?> r = (Map<?, ?>) reason;
            parts.add(r.get("rule") + ":" + r.get("points") + ":" + r.get("detail"));
        }
        return String.join("|", parts);
    }

    /**
     * The customer 360 scores the rules at its clock's "now" ({@code Customer360Resource}: {@code ChurnRules.assess}
     * over the 360's facts at {@code clock.instant()}): a fixed clock, anywhere in or after the history.
     */
    @Property(tries = 20)
    void theCustomer360sChurnRiskNowEqualsTheRecount(@ForAll long seed, @ForAll @IntRange(min = 0, max = 240) int nowDay) {
        KpiRecountPropertiesTest.Run run = KpiRecountPropertiesTest.run(seed);
        Clock clock = Clock.fixed(HistoryGenerator.T0.plus(Duration.ofDays(nowDay)).plus(Duration.ofMinutes(seed & 4095)), ZoneOffset.UTC);
        Map<String, String> brute = new BruteForce(run.delivered(), Instant.EPOCH, clock.instant()).churnRisk(WINDOW, NO_CONTACT);
        for (Customer360 view : run.store().all(ReadModel.CUSTOMER_360, Customer360.class)) {
            if (view.mergedInto() != null || !brute.containsKey(view.customerId())) {
                continue; // a merged-away customer answers with its survivor's 360; an erased one is no known customer
            }
            ChurnRisk risk = ChurnRules.assess(view.customerId(), view.tickets(), view.opportunities(), view.orders(), view.invoices(),
                    clock.instant(), new ChurnRules.Settings(WINDOW, NO_CONTACT));
            List<String> parts = new ArrayList<>(List.of(String.valueOf(risk.score())));
            risk.reasons().forEach(r -> parts.add(r.rule() + ":" + r.points() + ":" + r.detail()));
            assertThat(String.join("|", parts)).as("360 of " + view.customerId() + " at " + clock.instant()).isEqualTo(brute.get(view.customerId()));
        }
    }
}
