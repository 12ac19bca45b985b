package org.crmsuite.customer.customer;

/** Size class of a company, after the Chinese SME classification (by staff and revenue). */
public enum CompanySize {
    MICRO, SMALL, MEDIUM, LARGE
}
