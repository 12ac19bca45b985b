package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;

import org.crmsuite.customer.customer.MatchKeys;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Issue 3 (performance): the blocking keys of customer names ({@link MatchKeys}) in a btree-indexed table, so the
 * duplicate check of an import batch and the fuzzy search are equality lookups. A Java migration because the keys
 * are computed by the same Java code that maintains them; it backfills every existing customer.
 */
public class V12__customer_match_keys extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("""
                    CREATE TABLE customer_match_key (
                        key         BIGINT NOT NULL,   -- 64-bit hash of a key string (MatchKeys)
                        customer_id UUID   NOT NULL,      -- derived data: no foreign key, so bulk loads stay fast
                        PRIMARY KEY (key, customer_id)
                    )""");
        }
        try (Statement select = connection.createStatement();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO customer_match_key (key, customer_id) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            select.setFetchSize(5_000);
            int pending = 0;
            try (ResultSet rows = select.executeQuery("SELECT id, name_normalised FROM customer WHERE status IN ('ACTIVE', 'ARCHIVED')")) {
                while (rows.next()) {
                    UUID id = rows.getObject(1, UUID.class);
                    for (long key : MatchKeys.of(rows.getString(2))) {
                        insert.setLong(1, key);
                        insert.setObject(2, id);
                        insert.addBatch();
                        if (++pending == 5_000) {
                            insert.executeBatch();
                            pending = 0;
                        }
                    }
                }
            }
            if (pending > 0) {
                insert.executeBatch();
            }
        }
    }
}
