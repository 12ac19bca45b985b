package org.crmsuite.notification.rule;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.crmsuite.notification.delivery.Channel;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The rule table. */
@Repository
public class RuleRepository {

    private final JdbcClient db;

    RuleRepository(JdbcClient db) {
        this.db = db;
    }

    public List<Rule> forEventType(String eventType) {
        return db.sql("SELECT * FROM notification_rule WHERE event_type = ? AND enabled ORDER BY id").param(eventType).query(RuleRepository::map).list();
    }

    public List<Rule> all() {
        return db.sql("SELECT * FROM notification_rule ORDER BY event_type, id").query(RuleRepository::map).list();
    }

    public Optional<Rule> find(UUID id) {
        return db.sql("SELECT * FROM notification_rule WHERE id = ?").param(id).query(RuleRepository::map).optional();
    }

    public void insert(Rule rule) {
        db.sql("""
                INSERT INTO notification_rule (id, event_type, recipient, channels, condition, enabled, description, version)
                VALUES (:id, :type, :recipient, :channels, :condition, :enabled, :description, 0)""")
                .param("id", rule.id()).param("type", rule.eventType()).param("recipient", rule.recipient().toString())
                .param("channels", channels(rule.channels())).param("condition", rule.condition() == null ? null : rule.condition().toString())
                .param("enabled", rule.enabled()).param("description", rule.description()).update();
    }

    /** @return false when the version moved on */
    public boolean update(Rule rule, long expectedVersion) {
        return db.sql("""
                UPDATE notification_rule SET event_type = :type, recipient = :recipient, channels = :channels, condition = :condition,
                    enabled = :enabled, description = :description, version = version + 1
                WHERE id = :id AND version = :version""")
                .param("id", rule.id()).param("type", rule.eventType()).param("recipient", rule.recipient().toString())
                .param("channels", channels(rule.channels())).param("condition", rule.condition() == null ? null : rule.condition().toString())
                .param("enabled", rule.enabled()).param("description", rule.description()).param("version", expectedVersion).update() == 1;
    }

    public boolean delete(UUID id, long expectedVersion) {
        return db.sql("DELETE FROM notification_rule WHERE id = ? AND version = ?").params(id, expectedVersion).update() == 1;
    }

    private static String channels(List<Channel> channels) {
        return String.join(",", channels.stream().map(Enum::name).toList());
    }

    private static Rule map(ResultSet rs, int row) throws SQLException {
        return new Rule(rs.getObject("id", UUID.class), rs.getString("event_type"), Recipient.parse(rs.getString("recipient")),
                Arrays.stream(rs.getString("channels").split(",")).map(String::strip).map(Channel::valueOf).toList(),
                Condition.parse(rs.getString("condition")), rs.getBoolean("enabled"), rs.getString("description"), rs.getLong("version"));
    }
}
