package org.crmsuite.sales.campaign;

/** How a member answered a campaign. */
public enum ResponseKind {
    OPENED, CLICKED, REGISTERED, ATTENDED, REPLIED, REQUESTED_CONTACT, UNSUBSCRIBED
}
