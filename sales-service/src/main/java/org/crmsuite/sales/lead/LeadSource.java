package org.crmsuite.sales.lead;

/** Where a lead came from. */
public enum LeadSource {
    WEBSITE, REFERRAL, TRADE_SHOW, CAMPAIGN, COLD_CALL, PARTNER, OTHER
}
