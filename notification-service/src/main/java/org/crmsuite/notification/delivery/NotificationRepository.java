package org.crmsuite.notification.delivery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The notification table and its attempt log. */
@Repository
public class NotificationRepository {

    private final JdbcClient db;

    NotificationRepository(JdbcClient db) {
        this.db = db;
    }

    /** @return false when this (source event, recipient, channel) was planned before: a redelivered event. */
    public boolean insertIfAbsent(Notification n) {
        return db.sql("""
                INSERT INTO notification (id, source_event_id, source_event_type, recipient, channel, address, locale, subject, body, urgent,
                    status, attempts, next_attempt_at, source_event_at)
                VALUES (:id, :eventId, :eventType, :recipient, :channel, :address, :locale, :subject, :body, :urgent, 'PENDING', 0, :next, :eventAt)
                ON CONFLICT (source_event_id, recipient, channel) DO NOTHING""")
                .param("id", n.id()).param("eventId", n.sourceEventId()).param("eventType", n.sourceEventType())
                .param("recipient", n.recipient()).param("channel", n.channel().name()).param("address", n.address())
                .param("locale", n.locale()).param("subject", n.subject()).param("body", n.body()).param("urgent", n.urgent())
                .param("next", Timestamp.from(n.nextAttemptAt()))
                .param("eventAt", n.sourceEventAt() == null ? null : Timestamp.from(n.sourceEventAt())).update() == 1;
    }

    /**
     * Claims due deliveries for this replica: PENDING ones whose time has come, and SENDING ones whose lease ran out
     * (their replica died). {@code FOR UPDATE SKIP LOCKED} lets two replicas claim side by side without overlap.
     */
    public List<Notification> claim(int limit, Duration lease) {
        return db.sql("""
                UPDATE notification n SET status = 'SENDING', attempts = n.attempts + 1,
                    lease_until = now() + make_interval(secs => :lease)
                WHERE n.id IN (SELECT id FROM notification
                               WHERE (status = 'PENDING' AND next_attempt_at <= now()) OR (status = 'SENDING' AND lease_until < now())
                               ORDER BY next_attempt_at LIMIT :limit FOR UPDATE SKIP LOCKED)
                RETURNING n.*""")
                .param("lease", lease.toMillis() / 1000.0).param("limit", limit).query(NotificationRepository::map).list();
    }

    /** Records an attempt; the update applies only while this replica still holds the claim of that attempt. */
    public boolean recordAttempt(Notification n, DeliveryResult result, long durationMs, String nextStatus, Instant nextAttemptAt) {
        int updated = db.sql("""
                UPDATE notification SET status = :status, next_attempt_at = :next, lease_until = NULL, last_error = :error,
                    delivered_at = CASE WHEN :status = 'DELIVERED' THEN now() ELSE delivered_at END
                WHERE id = :id AND status = 'SENDING' AND attempts = :attempts""")
                .param("status", nextStatus).param("next", Timestamp.from(nextAttemptAt)).param("error", result.error())
                .param("id", n.id()).param("attempts", n.attempts()).update();
        if (updated == 1) {
            db.sql("INSERT INTO delivery_attempt (notification_id, attempt, status, error, duration_ms) VALUES (?, ?, ?, ?, ?)")
                    .params(n.id(), n.attempts(), result.delivered() ? "DELIVERED" : "FAILED", result.error(), durationMs).update();
        }
        return updated == 1;
    }

    public Optional<Notification> find(UUID id) {
        return db.sql("SELECT * FROM notification WHERE id = ?").param(id).query(NotificationRepository::map).optional();
    }

    public List<Attempt> attempts(UUID id) {
        return db.sql("SELECT attempt, status, error, duration_ms, attempted_at FROM delivery_attempt WHERE notification_id = ? ORDER BY attempt, id")
                .param(id).query((rs, n) -> new Attempt(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        rs.getTimestamp(5).toInstant())).list();
    }

    /** One logged attempt. */
    public record Attempt(int attempt, String status, String error, long durationMs, Instant attemptedAt) {
    }

    public static Notification map(ResultSet rs, int row) throws SQLException {
        return new Notification(rs.getObject("id", UUID.class), rs.getString("source_event_id"), rs.getString("source_event_type"),
                rs.getString("recipient"), Channel.valueOf(rs.getString("channel")), rs.getString("address"), rs.getString("locale"),
                rs.getString("subject"), rs.getString("body"), rs.getBoolean("urgent"), rs.getString("status"), rs.getInt("attempts"),
                instant(rs, "next_attempt_at"), rs.getString("last_error"), instant(rs, "created_at"), instant(rs, "delivered_at"),
                instant(rs, "read_at"), instant(rs, "source_event_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
