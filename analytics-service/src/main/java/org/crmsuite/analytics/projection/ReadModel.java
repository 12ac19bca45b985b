package org.crmsuite.analytics.projection;

import org.crmsuite.analytics.model.CampaignFact;
import org.crmsuite.analytics.model.Customer360;
import org.crmsuite.analytics.model.CustomerProfile;
import org.crmsuite.analytics.model.InvoiceFact;
import org.crmsuite.analytics.model.LeadFact;
import org.crmsuite.analytics.model.MergeFact;
import org.crmsuite.analytics.model.OpportunityFact;
import org.crmsuite.analytics.model.OrderFact;
import org.crmsuite.analytics.model.TicketFact;

/** The read models, each a collection of documents keyed by the aggregate id; all can be dropped and rebuilt. */
public enum ReadModel {
    TICKET("rm_ticket", TicketFact.class),
    OPPORTUNITY("rm_opportunity", OpportunityFact.class),
    LEAD("rm_lead", LeadFact.class),
    CAMPAIGN("rm_campaign", CampaignFact.class),
    ORDER("rm_order", OrderFact.class),
    INVOICE("rm_invoice", InvoiceFact.class),
    PROFILE("rm_customer_profile", CustomerProfile.class),
    MERGE("rm_merge", MergeFact.class),
    /** Data-quality score history per customer, folded from its profile events. */
    QUALITY("rm_customer_quality", org.crmsuite.analytics.model.CustomerQuality.class),
    CUSTOMER_360("rm_customer_360", Customer360.class);

    private final String collection;
    private final Class<?> type;

    ReadModel(String collection, Class<?> type) {
        this.collection = collection;
        this.type = type;
    }

    public String collection() {
        return collection;
    }

    public Class<?> type() {
        return type;
    }
}
