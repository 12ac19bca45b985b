package org.crmsuite.customer.customer;

/** Where the relationship stands. */
public enum LifecycleStage {
    PROSPECT, ONBOARDING, ACTIVE, AT_RISK, CHURNED
}
