package org.crmsuite.analytics.churn;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.crmsuite.analytics.config.AnalyticsProperties;
import org.crmsuite.analytics.kpi.Dimension;
import org.crmsuite.analytics.kpi.Facts;
import org.crmsuite.analytics.kpi.KpiCatalog;
import org.crmsuite.analytics.kpi.KpiRow;
import org.crmsuite.analytics.kpi.KpiSettings;
import org.crmsuite.analytics.kpi.Period;
import org.crmsuite.analytics.model.CustomerProfile;
import org.crmsuite.analytics.model.Folds;
import org.crmsuite.analytics.model.InvoiceFact;
import org.crmsuite.analytics.model.OpportunityFact;
import org.crmsuite.analytics.model.OrderFact;
import org.crmsuite.analytics.model.TicketFact;
import org.junit.jupiter.api.Test;

/**
 * The service trains the churn model on its own facts, holds the latest labelled cut-off out, and scores the
 * churn-risk KPI with it only when it beat the rules there; the reasons stay the rules'.
 */
class ChurnModelTrainingTest {

    static final Instant NOW = ChurnWorld.END;

    /** The read models a service would hold after receiving a generated world's events. */
    static Facts facts(long seed, int customers) {
        ChurnWorld world = new ChurnWorld(seed);
        List<TicketFact> tickets = new ArrayList<>();
        List<OpportunityFact> opportunities = new ArrayList<>();
        List<OrderFact> orders = new ArrayList<>();
        List<InvoiceFact> invoices = new ArrayList<>();
        List<CustomerProfile> profiles = new ArrayList<>();
        for (int i = 0; i < customers; i++) {
            ChurnWorld.Customer customer = world.customer(i);
            tickets.addAll(ChurnEvaluation.facts(customer.events(), "crm.ticket.", "ticketId", Folds::ticket));
            opportunities.addAll(ChurnEvaluation.facts(customer.events(), "crm.opportunity.", "opportunityId", Folds::opportunity));
            orders.addAll(ChurnEvaluation.facts(customer.events(), "erp.order.", "orderId", Folds::order));
            invoices.addAll(ChurnEvaluation.facts(customer.events(), "finance.invoice.", "invoiceId", Folds::invoice));
            profiles.add(Folds.profile(customer.id(), customer.events()));
        }
        return new Facts(tickets, opportunities, List.of(), List.of(), orders, invoices, profiles, List.of(), List.of());
    }

    static List<KpiRow> churnRisk(Facts facts, Dimension by, KpiSettings settings) {
        return KpiCatalog.find("churn-risk").orElseThrow().computation()
                .compute(facts, new Period(NOW.minus(Duration.ofDays(30)), NOW, ZoneOffset.UTC), by, settings);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aModelThatBeatsTheRulesOnTheHeldOutCutOffGivesTheScoreAndTheRulesTheReasons() {
        Facts facts = facts(11, 1200);
        ChurnModelTraining.Trained trained = ChurnModelTraining.train(facts, NOW, KpiSettings.DEFAULT);
        assertThat(trained.beatsRules()).as(trained.toString()).isTrue();
        assertThat(trained.model()).isNotNull();
        assertThat(trained.modelAuc()).isGreaterThan(trained.rulesAuc() + 0.01);
        assertThat(trained.heldOutCutoff()).isEqualTo(NOW.minus(Duration.ofDays(90)));

        List<KpiRow> rows = churnRisk(facts, Dimension.NONE, KpiSettings.DEFAULT.withChurnModel(trained.model()));
        assertThat(rows).hasSize(KpiSettings.DEFAULT.churnRiskLimit());
        Map<String, KpiCatalog.CustomerFacts> byCustomer = KpiCatalog.customerFacts(facts);
        for (KpiRow row : rows) {
            assertThat(row.values()).containsEntry("model", KpiCatalog.MODEL);
            assertThat((Integer) row.values().get("score")).isBetween(0, 100);
            List<String> rules = ((List<Map<String, Object>>) row.values().get("reasons")).stream().map(r -> (String) r.get("rule")).toList();
            assertThat(rules).isEqualTo(KpiCatalog.rulesAt(row.group(), byCustomer.get(row.group()), NOW, KpiSettings.DEFAULT).reasons()
                    .stream().map(r -> r.rule()).toList());
        }
        assertThat(churnRisk(facts, Dimension.NONE, KpiSettings.DEFAULT)).allSatisfy(row -> assertThat(row.values()).containsEntry("model", KpiCatalog.RULES));
        assertThat(churnRisk(facts, Dimension.TIER, KpiSettings.DEFAULT.withChurnModel(trained.model())))
                .allSatisfy(row -> assertThat(row.values()).containsEntry("model", KpiCatalog.MODEL));
    }

    @Test
    void aHistoryTooShortToHoldACutOffOutKeepsTheRules() {
        ChurnModelTraining.Trained trained = ChurnModelTraining.train(facts(12, 20), NOW, KpiSettings.DEFAULT);
        assertThat(trained.beatsRules()).isFalse();
        assertThat(trained.model()).isNull();
        assertThat(trained.note()).contains("too short");
    }

    @Test
    void theSwitchDecidesAndTheModelIsTrainedOncePerRetrainPeriod() {
        Facts facts = facts(13, 1200);
        int[] loads = {0};
        java.util.function.Supplier<Facts> supplier = () -> {
            loads[0]++;
            return facts;
        };
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        ChurnModels rules = new ChurnModels(properties(ChurnScore.RULES), clock, Runnable::run);
        assertThat(rules.settings(supplier).churnModel()).isNull();
        assertThat(loads[0]).isZero(); // the rules need no training

        ChurnModels model = new ChurnModels(properties(ChurnScore.MODEL), clock, Runnable::run);
        assertThat(model.settings(supplier).churnModel()).isNotNull();
        assertThat(model.settings(supplier).churnModel()).isNotNull();
        assertThat(loads[0]).isEqualTo(1);
    }

    @Test
    void queriesDoNotWaitForATrainingTheyScoreByTheRulesUntilTheFirstModelIsReady() {
        Facts facts = facts(14, 1200);
        java.util.List<Runnable> queued = new java.util.ArrayList<>();
        ChurnModels model = new ChurnModels(properties(ChurnScore.MODEL), Clock.fixed(NOW, ZoneOffset.UTC), queued::add);

        assertThat(model.settings(() -> facts).churnModel()).isNull();
        assertThat(model.settings(() -> facts).churnModel()).isNull();
        assertThat(queued).hasSize(1); // one training at a time

        queued.getFirst().run();
        assertThat(model.settings(() -> facts).churnModel()).isNotNull();
        assertThat(queued).hasSize(1); // fresh: no new training
    }

    static AnalyticsProperties properties(ChurnScore score) {
        return new AnalyticsProperties("g", ZoneOffset.UTC, 90, 90, 60, 100, null, null, null, null, score, Duration.ofHours(24), null, null);
    }
}
