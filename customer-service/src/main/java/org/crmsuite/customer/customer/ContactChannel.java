package org.crmsuite.customer.customer;

/** How a customer or a contact prefers to be reached. */
public enum ContactChannel {
    PHONE, EMAIL, SMS, WECHAT, VISIT
}
