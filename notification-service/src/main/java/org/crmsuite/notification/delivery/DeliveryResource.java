package org.crmsuite.notification.delivery;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.crmsuite.platform.web.CrmProblemException;
import org.crmsuite.platform.web.PageResponse;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/notifications")
@PreAuthorize("hasRole('crm-admin')")
@Tag(name = "Deliveries", description = "Every notification with its attempts, the dead-letter list and resending (crm-admin)")
class DeliveryResource {

    private final JdbcClient db;
    private final NotificationRepository notifications;
    private final DeliveryWorker worker;

    DeliveryResource(JdbcClient db, NotificationRepository notifications, DeliveryWorker worker) {
        this.db = db;
        this.notifications = notifications;
        this.worker = worker;
    }

    @GetMapping("/deliveries")
    @Transactional(readOnly = true)
    @Operation(summary = "Notifications caused by one source event", description = "sourceEventId is the ce_id of the event.")
    List<DeliveryView> bySourceEvent(@RequestParam String sourceEventId) {
        return db.sql("SELECT * FROM notification WHERE source_event_id = ? ORDER BY recipient, channel").param(sourceEventId)
                .query(NotificationRepository::map).list().stream().map(n -> DeliveryView.of(n, List.of())).toList();
    }

    @GetMapping("/deliveries/{id}")
    @Transactional(readOnly = true)
    @Operation(summary = "One notification with every attempt and its status")
    DeliveryView get(@PathVariable UUID id) {
        Notification n = notifications.find(id).orElseThrow(() -> CrmProblemException.notFound("notification", id));
        return DeliveryView.of(n, notifications.attempts(id));
    }

    @GetMapping("/dead-letters")
    @Transactional(readOnly = true)
    @Operation(summary = "Notifications that failed after their last attempt, newest first")
    PageResponse<DeliveryView> deadLetters(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        if (page < 0 || size < 1 || size > 200) {
            throw CrmProblemException.invalid("size", "page ≥ 0 and 1 ≤ size ≤ 200");
        }
        long total = db.sql("SELECT count(*) FROM notification WHERE status = 'DEAD'").query(Long.class).single();
        List<DeliveryView> items = db.sql("SELECT * FROM notification WHERE status = 'DEAD' ORDER BY created_at DESC, id LIMIT ? OFFSET ?")
                .params(size, (long) page * size).query(NotificationRepository::map).list().stream()
                .map(n -> DeliveryView.of(n, notifications.attempts(n.id()))).toList();
        return new PageResponse<>(items, page, size, total, (int) ((total + size - 1) / size));
    }

    @PostMapping("/dead-letters/{id}/resend")
    @Transactional
    @Operation(summary = "Send a dead letter again", description = "It gets a fresh round of attempts at once; the earlier attempts stay in its log. "
            + "A notification that is not on the dead-letter list answers 409.")
    ResponseEntity<DeliveryView> resend(@PathVariable UUID id) {
        Notification n = notifications.find(id).orElseThrow(() -> CrmProblemException.notFound("notification", id));
        int updated = db.sql("UPDATE notification SET status = 'PENDING', attempts = 0, next_attempt_at = now(), last_error = NULL WHERE id = ? AND status = 'DEAD'")
                .param(id).update();
        if (updated == 0) {
            throw CrmProblemException.conflict("notification " + id + " is " + n.status() + ", not on the dead-letter list");
        }
        org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                new org.springframework.transaction.support.TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        worker.wake();
                    }
                });
        return ResponseEntity.accepted().body(DeliveryView.of(notifications.find(id).orElseThrow(), notifications.attempts(id)));
    }

    record DeliveryView(UUID id, String sourceEventId, String sourceEventType, String recipient, Channel channel, String status, int attempts,
                        Instant nextAttemptAt, String lastError, Instant createdAt, Instant deliveredAt, List<NotificationRepository.Attempt> log) {
        static DeliveryView of(Notification n, List<NotificationRepository.Attempt> attempts) {
            return new DeliveryView(n.id(), n.sourceEventId(), n.sourceEventType(), n.recipient(), n.channel(), n.status(), n.attempts(),
                    n.nextAttemptAt(), n.lastError(), n.createdAt(), n.deliveredAt(), attempts);
        }
    }
}
