package org.crmsuite.notification.rule;

import java.util.List;

import org.crmsuite.notification.delivery.Channel;

/** A person (user id) or a webhook subscription ({@code webhook:<id>}) that should hear about an event, and how. */
public record Target(String recipient, List<Channel> channels) {

    public static final String WEBHOOK_PREFIX = "webhook:";

    public boolean isWebhook() {
        return recipient.startsWith(WEBHOOK_PREFIX);
    }
}
