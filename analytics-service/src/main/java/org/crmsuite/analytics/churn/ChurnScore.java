package org.crmsuite.analytics.churn;

/** What gives the churn-risk KPI's score ({@code crm.analytics.churn-score}); the reasons always come from the rules. */
public enum ChurnScore {
    /** The rules' points, 0-100. */
    RULES,
    /** The model's churn probability × 100, when it beat the rules on the service's own held-out cut-off; else the rules. */
    MODEL
}
