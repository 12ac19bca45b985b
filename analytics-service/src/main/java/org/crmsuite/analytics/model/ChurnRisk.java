package org.crmsuite.analytics.model;

import java.util.List;

/** A churn-risk score 0-100 and the rules that raised it, so a manager can see why. */
public record ChurnRisk(String customerId, int score, List<Reason> reasons) {

    public record Reason(String rule, int points, String detail) {
    }
}
