package org.crmsuite.notification.inbox;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.crmsuite.notification.delivery.NotificationRepository;
import org.crmsuite.platform.security.CurrentUser;
import org.crmsuite.platform.web.CrmProblemException;
import org.crmsuite.platform.web.PageResponse;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
@RequestMapping("/api/v1/notifications/inbox")
@Tag(name = "Inbox", description = "The caller's in-app notifications, unread count, and a live stream for open browsers")
class InboxResource {

    static final long STREAM_TIMEOUT_MS = Duration.ofMinutes(30).toMillis();

    private final JdbcClient db;
    private final InboxStreams streams;

    InboxResource(JdbcClient db, InboxStreams streams) {
        this.db = db;
        this.streams = streams;
    }

    @GetMapping
    @Transactional(readOnly = true)
    @Operation(summary = "The caller's inbox, newest first", description = "unreadOnly=true lists only unread messages.")
    PageResponse<InboxItem> inbox(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size,
                                  @RequestParam(defaultValue = "false") boolean unreadOnly) {
        if (page < 0 || size < 1 || size > 200) {
            throw CrmProblemException.invalid("size", "page ≥ 0 and 1 ≤ size ≤ 200");
        }
        String user = CurrentUser.current().id();
        String filter = " FROM notification WHERE recipient = :user AND channel = 'IN_APP' AND status = 'DELIVERED'" + (unreadOnly ? " AND read_at IS NULL" : "");
        long total = db.sql("SELECT count(*)" + filter).param("user", user).query(Long.class).single();
        List<InboxItem> items = db.sql("SELECT *" + filter + " ORDER BY delivered_at DESC, id LIMIT :size OFFSET :offset")
                .param("user", user).param("size", size).param("offset", (long) page * size)
                .query(NotificationRepository::map).list().stream().map(InboxItem::of).toList();
        return new PageResponse<>(items, page, size, total, (int) ((total + size - 1) / size));
    }

    @GetMapping("/unread-count")
    @Transactional(readOnly = true)
    @Operation(summary = "How many messages the caller has not read")
    Map<String, Long> unreadCount() {
        return Map.of("unread", unread(CurrentUser.current().id()));
    }

    @PostMapping("/{id}/read")
    @Transactional
    @Operation(summary = "Mark one message read", description = "Idempotent. Another user's message answers 404.")
    ResponseEntity<Void> markRead(@PathVariable UUID id) {
        int updated = db.sql("""
                UPDATE notification SET read_at = coalesce(read_at, now())
                WHERE id = :id AND recipient = :user AND channel = 'IN_APP' AND status = 'DELIVERED'""")
                .param("id", id).param("user", CurrentUser.current().id()).update();
        if (updated == 0) {
            throw CrmProblemException.notFound("inbox message", id);
        }
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/read-all")
    @Transactional
    @Operation(summary = "Mark every message read")
    Map<String, Integer> markAllRead() {
        int updated = db.sql("UPDATE notification SET read_at = now() WHERE recipient = ? AND channel = 'IN_APP' AND status = 'DELIVERED' AND read_at IS NULL")
                .param(CurrentUser.current().id()).update();
        return Map.of("marked", updated);
    }

    @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Live stream of new messages (Server-Sent Events)", description = "First an `unread-count` event, then a "
            + "`notification` event (an InboxItem as JSON) for each message delivered while the stream is open. Closes after 30 minutes; "
            + "browsers reconnect by themselves.",
            responses = @ApiResponse(responseCode = "200", content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE)))
    SseEmitter stream() {
        String user = CurrentUser.current().id();
        return streams.open(user, STREAM_TIMEOUT_MS, unread(user));
    }

    private long unread(String user) {
        return db.sql("SELECT count(*) FROM notification WHERE recipient = ? AND channel = 'IN_APP' AND status = 'DELIVERED' AND read_at IS NULL")
                .param(user).query(Long.class).single();
    }
}
