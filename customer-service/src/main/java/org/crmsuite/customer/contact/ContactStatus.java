package org.crmsuite.customer.contact;

/** In use; removed (left the company, kept for history); or erased on the person's request (anonymised). */
public enum ContactStatus {
    ACTIVE, REMOVED, ERASED
}
