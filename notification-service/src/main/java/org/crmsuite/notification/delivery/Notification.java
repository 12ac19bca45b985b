package org.crmsuite.notification.delivery;

import java.time.Instant;
import java.util.UUID;

/** One message to one recipient on one channel, caused by one source event ({@code sourceEventAt}: its ce_time, if it had one). */
public record Notification(UUID id, String sourceEventId, String sourceEventType, String recipient, Channel channel, String address,
                           String locale, String subject, String body, boolean urgent, String status, int attempts, Instant nextAttemptAt,
                           String lastError, Instant createdAt, Instant deliveredAt, Instant readAt, Instant sourceEventAt) {
}
