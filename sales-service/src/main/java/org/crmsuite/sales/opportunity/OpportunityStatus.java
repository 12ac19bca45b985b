package org.crmsuite.sales.opportunity;

public enum OpportunityStatus {
    OPEN, WON, LOST
}
