package org.crmsuite.customer.customer;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.springframework.data.auditing.AuditingHandler;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.support.SQLStateSQLExceptionTranslator;
import org.springframework.stereotype.Component;

/**
 * Writes new customers and their tags with PostgreSQL's {@code COPY} instead of a JPA flush: the import's batches,
 * where the insert (about 20 indexes and a generated column per row) was the largest part of the write. Runs on the
 * caller transaction's connection, so the rows commit or roll back with the batch's history, events and outcomes.
 * The customers stay plain objects (never managed by JPA): the auditing fields are set as the JPA listener would set
 * them, and the version is written as 0, which is what {@link Customer#version()} reports for a new record.
 */
@Component
class CustomerCopy {

    private static final String CUSTOMER_COLUMNS = "id, code, legal_name, short_name, name_normalised, uscc, foreign_company, "
            + "industry, company_size, province, city, district, street, website, phone, email, parent_id, lifecycle_stage, "
            + "value_tier, source_channel, marketing_consent, consent_recorded_at, preferred_channel, do_not_contact, status, "
            + "status_reason, last_verified_at, verified_by, verified_via, merged_into, owner_id, department, version, "
            + "created_at, created_by, updated_at, updated_by";

    private final DataSource dataSource;
    private final AuditingHandler auditing;
    private final SQLStateSQLExceptionTranslator errors = new SQLStateSQLExceptionTranslator();

    CustomerCopy(DataSource dataSource, AuditingHandler auditing) {
        this.dataSource = dataSource;
        this.auditing = auditing;
    }

    /** Inserts the customers (in order: a parent in the same batch comes first) and their tags; joins the caller's transaction. */
    void insert(List<Customer> customers) {
        StringBuilder rows = new StringBuilder(customers.size() * 400);
        StringBuilder tags = new StringBuilder();
        for (Customer c : customers) {
            auditing.markCreated(c);
            line(rows, c.id(), c.code(), c.legalName(), c.shortName(), c.nameNormalised(), c.uscc(), c.foreignCompany(),
                    c.industry(), c.size(), c.province(), c.city(), c.district(), c.street(), c.website(), c.phone(), c.email(),
                    c.parentId(), c.lifecycleStage(), c.valueTier(), c.sourceChannel(), c.marketingConsent(),
                    c.consentRecordedAt(), c.preferredChannel(), c.doNotContact(), c.status(), c.statusReason(),
                    c.lastVerifiedAt(), c.verifiedBy(), c.verifiedVia(), c.mergedInto(), c.ownerId(), c.department(),
                    c.version(), c.createdAt(), c.createdBy(), c.updatedAt(), c.updatedBy());
            for (String tag : c.tags()) {
                line(tags, c.id(), tag);
            }
        }
        // the JPA transaction's own connection (HibernateJpaDialect exposes it), so no second connection or transaction
        Connection connection = DataSourceUtils.getConnection(dataSource);
        String sql = "COPY customer (" + CUSTOMER_COLUMNS + ") FROM STDIN";
        try {
            var copy = connection.unwrap(PGConnection.class).getCopyAPI();
            copy.copyIn(sql, new StringReader(rows.toString()));
            if (!tags.isEmpty()) {
                sql = "COPY customer_tag (customer_id, tag) FROM STDIN";
                copy.copyIn(sql, new StringReader(tags.toString()));
            }
        } catch (SQLException e) {
            throw errors.translate("copy new customers", sql, e);
        } catch (IOException e) {
            throw new IllegalStateException("copy new customers", e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /** One row of COPY's text format: tab-separated, \N for null, backslash escapes. */
    private static void line(StringBuilder out, Object... values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append('\t');
            }
            Object value = values[i];
            if (value == null) {
                out.append("\\N");
                continue;
            }
            String text = value instanceof Enum<?> e ? e.name() : value.toString();
            for (int j = 0; j < text.length(); j++) {
                char ch = text.charAt(j);
                switch (ch) {
                    case '\\' -> out.append("\\\\");
                    case '\t' -> out.append("\\t");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    default -> out.append(ch);
                }
            }
        }
        out.append('\n');
    }
}
