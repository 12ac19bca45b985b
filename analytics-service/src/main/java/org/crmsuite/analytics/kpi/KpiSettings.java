package org.crmsuite.analytics.kpi;

import java.math.BigDecimal;
import java.util.List;

import org.crmsuite.analytics.model.ChurnRules;

/**
 * The tunable parts of the KPI definitions.
 *
 * @param activeWindowDays a customer is active at an instant when it ordered within this many days before it
 * @param churn            the churn-risk rule settings
 * @param churnRiskLimit   rows of the per-customer churn-risk list
 * @param rfmMonetary      the four lower bounds of the monetary scores 2..5 (yearly order value)
 */
public record KpiSettings(int activeWindowDays, ChurnRules.Settings churn, int churnRiskLimit, List<BigDecimal> rfmMonetary) {

    public static final KpiSettings DEFAULT = new KpiSettings(90, ChurnRules.Settings.DEFAULT, 100,
            List.of(new BigDecimal("30000"), new BigDecimal("100000"), new BigDecimal("300000"), new BigDecimal("1000000")));
}
