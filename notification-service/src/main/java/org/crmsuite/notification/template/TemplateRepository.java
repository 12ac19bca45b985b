package org.crmsuite.notification.template;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.crmsuite.notification.delivery.Channel;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class TemplateRepository {

    private final JdbcClient db;

    TemplateRepository(JdbcClient db) {
        this.db = db;
    }

    public List<Template> all() {
        return db.sql("SELECT * FROM notification_template ORDER BY event_type, channel, locale").query(TemplateRepository::map).list();
    }

    public Optional<Template> find(String eventType, Channel channel, String locale) {
        return db.sql("SELECT * FROM notification_template WHERE event_type = ? AND channel = ? AND locale = ?")
                .params(eventType, channel.name(), locale).query(TemplateRepository::map).optional();
    }

    public long save(String eventType, Channel channel, String locale, String subject, String body, Long expectedVersion) {
        if (expectedVersion == null) {
            db.sql("INSERT INTO notification_template (id, event_type, channel, locale, subject, body) VALUES (?, ?, ?, ?, ?, ?)")
                    .params(UUID.randomUUID(), eventType, channel.name(), locale, subject, body).update();
            return 0;
        }
        int updated = db.sql("""
                UPDATE notification_template SET subject = ?, body = ?, version = version + 1
                WHERE event_type = ? AND channel = ? AND locale = ? AND version = ?""")
                .params(subject, body, eventType, channel.name(), locale, expectedVersion).update();
        return updated == 1 ? expectedVersion + 1 : -1;
    }

    private static Template map(ResultSet rs, int row) throws SQLException {
        return new Template(rs.getObject("id", UUID.class), rs.getString("event_type"), Channel.valueOf(rs.getString("channel")),
                rs.getString("locale"), rs.getString("subject"), rs.getString("body"), rs.getLong("version"));
    }
}
