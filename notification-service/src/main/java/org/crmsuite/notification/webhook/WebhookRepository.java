package org.crmsuite.notification.webhook;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class WebhookRepository {

    private final JdbcClient db;

    WebhookRepository(JdbcClient db) {
        this.db = db;
    }

    public List<WebhookSubscription> all() {
        return db.sql("SELECT * FROM webhook_subscription ORDER BY created_at, id").query(WebhookRepository::map).list();
    }

    public Optional<WebhookSubscription> find(UUID id) {
        return db.sql("SELECT * FROM webhook_subscription WHERE id = ?").param(id).query(WebhookRepository::map).optional();
    }

    public List<WebhookSubscription> findAll(java.util.Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return db.sql("SELECT * FROM webhook_subscription WHERE id IN (:ids)").param("ids", ids).query(WebhookRepository::map).list();
    }

    /** The ids of the active subscriptions listing the event type. */
    public List<String> subscribersOf(String eventType) {
        return db.sql("SELECT id FROM webhook_subscription WHERE active AND ? = ANY (string_to_array(event_types, ',')) ORDER BY id")
                .param(eventType).query((rs, n) -> rs.getString(1)).list();
    }

    public void insert(WebhookSubscription s) {
        db.sql("INSERT INTO webhook_subscription (id, name, url, event_types, secret, active, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(s.id(), s.name(), s.url(), String.join(",", s.eventTypes()), s.secret(), s.active(), s.createdBy()).update();
    }

    public boolean update(WebhookSubscription s, long expectedVersion) {
        return db.sql("""
                UPDATE webhook_subscription SET name = ?, url = ?, event_types = ?, secret = ?, active = ?, version = version + 1
                WHERE id = ? AND version = ?""")
                .params(s.name(), s.url(), String.join(",", s.eventTypes()), s.secret(), s.active(), s.id(), expectedVersion).update() == 1;
    }

    public boolean delete(UUID id, long expectedVersion) {
        return db.sql("UPDATE webhook_subscription SET active = FALSE, version = version + 1 WHERE id = ? AND version = ?")
                .params(id, expectedVersion).update() == 1;
    }

    private static WebhookSubscription map(ResultSet rs, int row) throws SQLException {
        return new WebhookSubscription(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("url"),
                Arrays.asList(rs.getString("event_types").split(",")), rs.getString("secret"), rs.getBoolean("active"),
                rs.getString("created_by"), rs.getTimestamp("created_at").toInstant(), rs.getLong("version"));
    }

    static Instant now() {
        return Instant.now();
    }
}
