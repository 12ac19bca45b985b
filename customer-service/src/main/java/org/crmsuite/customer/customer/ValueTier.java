package org.crmsuite.customer.customer;

/** How much the customer matters to the business; drives SLAs and follow-up plans. */
public enum ValueTier {
    STRATEGIC, KEY, STANDARD, SMALL
}
