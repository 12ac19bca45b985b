package org.crmsuite.customer.customer;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.support.SQLStateSQLExceptionTranslator;
import org.springframework.stereotype.Component;

/**
 * PostgreSQL's {@code COPY ... FROM STDIN} on the caller transaction's own connection: the import's bulk inserts
 * (customers, tags, match keys, row outcomes) commit or roll back with the rest of the batch. (Its history stays one
 * {@code unnest} statement: by {@code COPY} it measured no faster, and the outbox insert after it slower.) A constraint
 * violation comes back translated by SQL state ({@code DataIntegrityViolationException}), so a failing import batch is
 * still retried row by row.
 */
@Component
public class PostgresCopy {

    private final DataSource dataSource;
    private final SQLStateSQLExceptionTranslator errors = new SQLStateSQLExceptionTranslator();

    PostgresCopy(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Copies the rows into {@code table (columns)}; nothing when there are none. Joins the caller's transaction. */
    public void copy(String tableAndColumns, Rows rows) {
        if (rows.isEmpty()) {
            return;
        }
        // the JPA transaction's own connection (HibernateJpaDialect exposes it), so no second connection or transaction
        Connection connection = DataSourceUtils.getConnection(dataSource);
        String sql = "COPY " + tableAndColumns + " FROM STDIN";
        try {
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, new StringReader(rows.text.toString()));
        } catch (SQLException e) {
            throw errors.translate("copy into " + tableAndColumns, sql, e);
        } catch (IOException e) {
            throw new IllegalStateException("copy into " + tableAndColumns, e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /** Rows in {@code COPY}'s text format: tab-separated, {@code \N} for null, backslash escapes. */
    public static final class Rows {

        private final StringBuilder text;
        private int count;

        public Rows(int expectedRows) {
            this.text = new StringBuilder(Math.max(16, expectedRows) * 100);
        }

        /** One row; enums by name, everything else by {@code toString()} (an {@code Instant} in ISO-8601, which PostgreSQL reads). */
        public Rows add(Object... values) {
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    text.append('\t');
                }
                Object value = values[i];
                if (value == null) {
                    text.append("\\N");
                    continue;
                }
                String s = value instanceof Enum<?> e ? e.name() : value.toString();
                for (int j = 0; j < s.length(); j++) {
                    char ch = s.charAt(j);
                    switch (ch) {
                        case '\\' -> text.append("\\\\");
                        case '\t' -> text.append("\\t");
                        case '\n' -> text.append("\\n");
                        case '\r' -> text.append("\\r");
                        default -> text.append(ch);
                    }
                }
            }
            text.append('\n');
            count++;
            return this;
        }

        public boolean isEmpty() {
            return count == 0;
        }

        public int size() {
            return count;
        }
    }
}
