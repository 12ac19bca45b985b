package org.crmsuite.notification.delivery;

import java.time.Instant;
import java.util.UUID;

import org.crmsuite.platform.events.IntegrationEvent;
import org.crmsuite.platform.events.Topics;

/** {@code crm.notification.failed.v1}: the last try failed and the notification is on the dead-letter list. */
public record NotificationFailed(UUID notificationId, String sourceEventId, String sourceEventType, Channel channel, String recipient,
                                 int attempts, String error, Instant failedAt) implements IntegrationEvent {
    @Override
    public String eventType() {
        return "crm.notification.failed.v1";
    }

    @Override
    public String aggregateId() {
        return notificationId.toString();
    }

    @Override
    public String topic() {
        return Topics.NOTIFICATION;
    }
}
