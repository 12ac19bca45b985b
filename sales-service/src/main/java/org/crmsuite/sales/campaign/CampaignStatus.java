package org.crmsuite.sales.campaign;

/** PLANNED → ACTIVE (launched) → COMPLETED. */
public enum CampaignStatus {
    PLANNED, ACTIVE, COMPLETED
}
