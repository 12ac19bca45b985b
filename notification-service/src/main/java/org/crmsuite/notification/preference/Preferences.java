package org.crmsuite.notification.preference;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.crmsuite.notification.delivery.Channel;

/**
 * How one user wants to be notified: language and zone for rendering, addresses, quiet hours, and per event type
 * the channels they chose (replacing the rule's channels for that type; a type not listed keeps the rule's).
 */
public record Preferences(String userId, String language, ZoneId zone, String email, String phone, QuietHours quietHours,
                          Map<String, List<Channel>> channels, long version, boolean stored) {

    /** The channels this user hears about the event type through, from those the rules chose. */
    public List<Channel> channelsFor(String eventType, List<Channel> fromRules) {
        List<Channel> chosen = channels.get(eventType);
        return chosen == null ? fromRules : chosen;
    }
}
