package org.crmsuite.ticket.ticket;

/** How the customer reached us. */
public enum Channel {
    PHONE, EMAIL, WEB, CHAT, SOCIAL, API
}
