package org.crmsuite.notification.delivery;

/** How a message reaches its recipient. */
public enum Channel {
    EMAIL, IN_APP, WEBHOOK, SMS
}
