package org.crmsuite.notification.template;

import java.util.UUID;

import org.crmsuite.notification.delivery.Channel;

/** The subject and body of one event type's message on one channel in one language. */
public record Template(UUID id, String eventType, Channel channel, String locale, String subject, String body, long version) {
}
