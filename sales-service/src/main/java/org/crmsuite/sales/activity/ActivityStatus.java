package org.crmsuite.sales.activity;

/** PLANNED until it is COMPLETED (with an outcome) or CANCELLED; only a planned activity reminds its owner. */
public enum ActivityStatus {
    PLANNED, COMPLETED, CANCELLED
}
