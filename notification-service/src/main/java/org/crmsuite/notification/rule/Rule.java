package org.crmsuite.notification.rule;

import java.util.List;
import java.util.UUID;

import org.crmsuite.notification.delivery.Channel;

/** One row of the rule table: an event type, who hears about it, through which channels, on which condition. */
public record Rule(UUID id, String eventType, Recipient recipient, List<Channel> channels, Condition condition, boolean enabled,
                   String description, long version) {
}
