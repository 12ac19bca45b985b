package org.crmsuite.customer.customer;

/** Whether the record is in use, redirects to a survivor after a merge, or is kept only for history. */
public enum CustomerStatus {
    ACTIVE, MERGED, ARCHIVED, ERASED
}
