package org.crmsuite.notification.delivery;

import java.time.Instant;
import java.util.UUID;

import org.crmsuite.platform.events.IntegrationEvent;
import org.crmsuite.platform.events.Topics;

/** {@code crm.notification.delivered.v1}. */
public record NotificationDelivered(UUID notificationId, String sourceEventId, String sourceEventType, Channel channel, String recipient,
                                    int attempts, Instant deliveredAt) implements IntegrationEvent {
    @Override
    public String eventType() {
        return "crm.notification.delivered.v1";
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
