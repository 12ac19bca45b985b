package org.crmsuite.customer.customer;

/** Where the customer came from; marketing measures its channels by it. */
public enum SourceChannel {
    WEBSITE, SOCIAL_MEDIA, E_COMMERCE, SALES_VISIT, SERVICE_DESK, MARKET_RESEARCH, ERP_IMPORT, API
}
