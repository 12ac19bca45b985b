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
        recordAll(List.of(new Changes(customerId, type, entityId, changes, by, at)));
    }

    /** The changes of one entity by one person at one time. */
    public record Changes(UUID customerId, EntityType type, UUID entityId, List<FieldChange> changes, String by, Instant at) {
    }

    /**
     * Several entities' changes in one statement: the columns travel as arrays and {@code unnest} makes the rows (a CSV
     * import batch of 500 customers records ~6,000 field changes; one INSERT per row was its largest cost).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void recordAll(List<Changes> all) {
        List<Object> customers = new java.util.ArrayList<>();
        List<String> types = new java.util.ArrayList<>();
        List<Object> entities = new java.util.ArrayList<>();
        List<String> fields = new java.util.ArrayList<>();
        List<String> froms = new java.util.ArrayList<>();
        List<String> tos = new java.util.ArrayList<>();
        List<String> bys = new java.util.ArrayList<>();
        List<String> ats = new java.util.ArrayList<>();
        for (Changes changes : all) {
            String when = changes.at().toString();
            for (FieldChange change : changes.changes()) {
                customers.add(changes.customerId());
                types.add(changes.type().name());
                entities.add(changes.entityId());
                fields.add(change.field());
                froms.add(text(change.from()));
                tos.add(text(change.to()));
                bys.add(changes.by());
                ats.add(when);
            }
        }
        if (customers.isEmpty()) {
            return;
        }
        batch.execute((org.springframework.jdbc.core.ConnectionCallback<Integer>) connection -> {
            try (java.sql.PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO change_history (customer_id, entity_type, entity_id, field, old_value, new_value, changed_by, changed_at)
                    SELECT c, t, e, f, o, n, b, CAST(a AS TIMESTAMPTZ)
                    FROM unnest(?, ?, ?, ?, ?, ?, ?, ?) AS r(c, t, e, f, o, n, b, a)""")) {
                insert.setArray(1, connection.createArrayOf("uuid", customers.toArray()));
                insert.setArray(2, connection.createArrayOf("text", types.toArray()));
                insert.setArray(3, connection.createArrayOf("uuid", entities.toArray()));
                insert.setArray(4, connection.createArrayOf("text", fields.toArray()));
                insert.setArray(5, connection.createArrayOf("text", froms.toArray()));
                insert.setArray(6, connection.createArrayOf("text", tos.toArray()));
                insert.setArray(7, connection.createArrayOf("text", bys.toArray()));
                insert.setArray(8, connection.createArrayOf("text", ats.toArray()));
                return insert.executeUpdate();
            }
        });
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
