package org.crmsuite.sales.activity;

/** What kind of contact with the customer an activity is. */
public enum ActivityType {
    CALL, VISIT, MEETING, EMAIL, TASK
}
