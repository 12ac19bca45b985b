package org.crmsuite.notification.preference;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.crmsuite.notification.config.NotificationProperties;
import org.crmsuite.notification.delivery.Channel;
import org.crmsuite.notification.directory.DirectoryUser;
import org.crmsuite.notification.directory.UserDirectory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stored preferences; for users who never saved any, what the user directory (Keycloak or configuration) knows of
 * them, completed by the configured defaults.
 */
@Repository
public class PreferenceRepository {

    private static final TypeReference<Map<String, List<Channel>>> CHANNELS = new TypeReference<>() { };

    private final JdbcClient db;
    private final JsonMapper json;
    private final NotificationProperties.Defaults defaults;
    private final UserDirectory directory;

    PreferenceRepository(JdbcClient db, JsonMapper json, NotificationProperties properties, UserDirectory directory) {
        this.db = db;
        this.json = json;
        this.defaults = properties.defaults();
        this.directory = directory;
    }

    public Optional<Preferences> find(String userId) {
        return db.sql("SELECT * FROM user_preference WHERE user_id = ?").param(userId).query(this::map).optional();
    }

    /**
     * The stored preferences (an address they left empty comes from the directory), or the directory's language,
     * zone and email, each completed by the defaults (configured language and zone, the address from the pattern).
     */
    public Preferences of(String userId) {
        Optional<Preferences> stored = find(userId);
        if (stored.isPresent() && stored.get().email() != null) {
            return stored.get();
        }
        Optional<DirectoryUser> known = directory.user(userId);
        String email = known.map(DirectoryUser::email).orElse(defaults.emailPattern().replace("{user}", userId));
        if (stored.isPresent()) {
            Preferences p = stored.get();
            return new Preferences(userId, p.language(), p.zone(), email, p.phone(), p.quietHours(), p.channels(), p.version(), true);
        }
        return new Preferences(userId, known.map(DirectoryUser::language).orElse(defaults.language()),
                known.map(DirectoryUser::zone).orElse(defaults.zone()), email, null, null, Map.of(), 0, false);
    }

    public void insert(Preferences p) {
        db.sql("""
                INSERT INTO user_preference (user_id, language, zone, email, phone, quiet_start, quiet_end, channels, version)
                VALUES (:user, :language, :zone, :email, :phone, :start, :end, :channels, 0)""")
                .params(params(p)).update();
    }

    public boolean update(Preferences p, long expectedVersion) {
        Map<String, Object> params = params(p);
        params.put("expected", expectedVersion);
        return db.sql("""
                UPDATE user_preference SET language = :language, zone = :zone, email = :email, phone = :phone, quiet_start = :start,
                    quiet_end = :end, channels = :channels, version = version + 1, updated_at = now()
                WHERE user_id = :user AND version = :expected""").params(params).update() == 1;
    }

    private Map<String, Object> params(Preferences p) {
        Map<String, Object> params = new java.util.HashMap<>();
        params.put("user", p.userId());
        params.put("language", p.language());
        params.put("zone", p.zone().getId());
        params.put("email", p.email());
        params.put("phone", p.phone());
        params.put("start", p.quietHours() == null ? null : Time.valueOf(p.quietHours().start()));
        params.put("end", p.quietHours() == null ? null : Time.valueOf(p.quietHours().end()));
        params.put("channels", json.writeValueAsString(p.channels()));
        return params;
    }

    private Preferences map(ResultSet rs, int row) throws SQLException {
        Time start = rs.getTime("quiet_start");
        Time end = rs.getTime("quiet_end");
        QuietHours quiet = start == null || end == null ? null : new QuietHours(toLocal(start), toLocal(end));
        return new Preferences(rs.getString("user_id"), rs.getString("language"), ZoneId.of(rs.getString("zone")), rs.getString("email"),
                rs.getString("phone"), quiet, json.readValue(rs.getString("channels"), CHANNELS), rs.getLong("version"), true);
    }

    private static LocalTime toLocal(Time time) {
        return time.toLocalTime();
    }
}
