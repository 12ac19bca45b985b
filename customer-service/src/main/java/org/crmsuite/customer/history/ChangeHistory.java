package org.crmsuite.customer.history;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import org.crmsuite.customer.customer.FieldChange;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Field-level history of customers and their contacts: who changed which field from what to what, and when. Written
 * in the transaction of the change, so a change without its history (or the reverse) cannot exist.
 */
@Component
public class ChangeHistory {

    public enum EntityType { CUSTOMER, CONTACT }

    /** One changed field as the history shows it. */
    public record Entry(long id, UUID customerId, EntityType entityType, UUID entityId, String field, String from,
                        String to, String changedBy, Instant changedAt) {
    }

    private final JdbcClient jdbc;
    private final org.springframework.jdbc.core.JdbcTemplate batch;

    ChangeHistory(JdbcClient jdbc, org.springframework.jdbc.core.JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void record(UUID customerId, EntityType type, UUID entityId, List<FieldChange> changes, String by, Instant at) {
        if (changes.isEmpty()) {
            return;
        }
        Timestamp when = Timestamp.from(at);
        // one batch, one round trip (a registration records a dozen fields; the CSV import thousands of registrations)
        batch.batchUpdate("""
                        INSERT INTO change_history (customer_id, entity_type, entity_id, field, old_value, new_value, changed_by, changed_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                changes.stream().map(change -> new Object[]{customerId, type.name(), entityId, change.field(), text(change.from()),
                        text(change.to()), by, when}).toList(),
                new int[]{java.sql.Types.OTHER, java.sql.Types.VARCHAR, java.sql.Types.OTHER, java.sql.Types.VARCHAR,
                        java.sql.Types.VARCHAR, java.sql.Types.VARCHAR, java.sql.Types.VARCHAR, java.sql.Types.TIMESTAMP});
    }

    /** Newest first, one page. */
    @Transactional(readOnly = true)
    public List<Entry> of(UUID customerId, int page, int size) {
        return jdbc.sql("""
                        SELECT id, customer_id, entity_type, entity_id, field, old_value, new_value, changed_by, changed_at
                        FROM change_history WHERE customer_id = :customer
                        ORDER BY changed_at DESC, id DESC LIMIT :limit OFFSET :offset""")
                .param("customer", customerId).param("limit", size).param("offset", (long) page * size)
                .query((rs, n) -> new Entry(rs.getLong(1), rs.getObject(2, UUID.class), EntityType.valueOf(rs.getString(3)),
                        rs.getObject(4, UUID.class), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                        rs.getTimestamp(9).toInstant()))
                .list();
    }

    /** Everything recorded about one contact or customer, oldest first (for a personal-data export). */
    @Transactional(readOnly = true)
    public List<Entry> ofEntity(UUID entityId) {
        return jdbc.sql("""
                        SELECT id, customer_id, entity_type, entity_id, field, old_value, new_value, changed_by, changed_at
                        FROM change_history WHERE entity_id = :entity ORDER BY changed_at, id""")
                .param("entity", entityId)
                .query((rs, n) -> new Entry(rs.getLong(1), rs.getObject(2, UUID.class), EntityType.valueOf(rs.getString(3)),
                        rs.getObject(4, UUID.class), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                        rs.getTimestamp(9).toInstant()))
                .list();
    }

    /** Erasure reaches the history too: the values of the erased fields go, the fact that they changed stays. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void erase(UUID entityId, Collection<String> fields) {
        jdbc.sql("UPDATE change_history SET old_value = NULL, new_value = NULL WHERE entity_id = :entity AND field IN (:fields)")
                .param("entity", entityId).param("fields", List.copyOf(fields)).update();
    }

    @Transactional(readOnly = true)
    public long count(UUID customerId) {
        return jdbc.sql("SELECT count(*) FROM change_history WHERE customer_id = :customer")
                .param("customer", customerId).query(Long.class).single();
    }

    /** Values as people read them: lists joined with commas, enums by name. */
    static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Collection<?> list) {
            return list.stream().map(String::valueOf).collect(Collectors.joining(", "));
        }
        return value.toString();
    }
}
