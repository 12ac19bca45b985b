package org.crmsuite.notification.inbox;

import java.time.Instant;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import org.crmsuite.notification.delivery.Notification;

/** One message in a user's inbox. */
public record InboxItem(UUID id, @Schema(example = "crm.ticket.assigned.v1") String eventType, @Schema(example = "工单 T-2026-000042 已分派给您") String subject,
                        String body, Instant receivedAt, boolean read) {

    static InboxItem of(Notification n) {
        return new InboxItem(n.id(), n.sourceEventType(), n.subject(), n.body(), n.deliveredAt() != null ? n.deliveredAt() : n.createdAt(),
                n.readAt() != null);
    }
}
