package org.crmsuite.analytics.kpi;

import java.math.BigDecimal;
import java.util.List;

import org.crmsuite.analytics.churn.LogisticModel;
import org.crmsuite.analytics.model.ChurnRules;

/**
 * The tunable parts of the KPI definitions.
 *
 * @param activeWindowDays a customer is active at an instant when it ordered within this many days before it
 * @param churn            the churn-risk rule settings
 * @param churnRiskLimit   rows of the per-customer churn-risk list
 * @param rfmMonetary      the four lower bounds of the monetary scores 2..5 (yearly order value)
 * @param churnModel       the churn model that gives the churn-risk score, or null for the rules' points (the
 *                         reasons always come from the rules)
 */
public record KpiSettings(int activeWindowDays, ChurnRules.Settings churn, int churnRiskLimit, List<BigDecimal> rfmMonetary,
                          LogisticModel churnModel) {

    public KpiSettings(int activeWindowDays, ChurnRules.Settings churn, int churnRiskLimit, List<BigDecimal> rfmMonetary) {
        this(activeWindowDays, churn, churnRiskLimit, rfmMonetary, null);
    }

    public static final KpiSettings DEFAULT = new KpiSettings(90, ChurnRules.Settings.DEFAULT, 100,
            List.of(new BigDecimal("30000"), new BigDecimal("100000"), new BigDecimal("300000"), new BigDecimal("1000000")));

    public KpiSettings withChurnModel(LogisticModel model) {
        return new KpiSettings(activeWindowDays, churn, churnRiskLimit, rfmMonetary, model);
    }
}
