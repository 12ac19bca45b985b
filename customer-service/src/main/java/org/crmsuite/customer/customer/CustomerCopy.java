package org.crmsuite.customer.customer;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import org.springframework.data.auditing.AuditingHandler;
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
            + "created_at, created_by, updated_at, updated_by, quality_announced_score";

    private final PostgresCopy copy;
    private final AuditingHandler auditing;

    CustomerCopy(PostgresCopy copy, AuditingHandler auditing) {
        this.copy = copy;
        this.auditing = auditing;
    }

    /** Sets the auditing fields of new customers as the JPA listener would (before they are scored or written). */
    void markCreated(List<Customer> customers) {
        customers.forEach(auditing::markCreated);
    }

    /**
     * Inserts the customers, audited by {@link #markCreated}, (in order: a parent in the same batch comes first) and their tags; joins the caller's
     * transaction. {@code announcedScores} gives each row's {@code quality_announced_score} (null when none).
     */
    void insert(List<Customer> customers, Function<UUID, Integer> announcedScores) {
        PostgresCopy.Rows rows = new PostgresCopy.Rows(customers.size() * 4);
        PostgresCopy.Rows tags = new PostgresCopy.Rows(customers.size());
        for (Customer c : customers) {
            rows.add(c.id(), c.code(), c.legalName(), c.shortName(), c.nameNormalised(), c.uscc(), c.foreignCompany(),
                    c.industry(), c.size(), c.province(), c.city(), c.district(), c.street(), c.website(), c.phone(), c.email(),
                    c.parentId(), c.lifecycleStage(), c.valueTier(), c.sourceChannel(), c.marketingConsent(),
                    c.consentRecordedAt(), c.preferredChannel(), c.doNotContact(), c.status(), c.statusReason(),
                    c.lastVerifiedAt(), c.verifiedBy(), c.verifiedVia(), c.mergedInto(), c.ownerId(), c.department(),
                    c.version(), c.createdAt(), c.createdBy(), c.updatedAt(), c.updatedBy(), announcedScores.apply(c.id()));
            for (String tag : c.tags()) {
                tags.add(c.id(), tag);
            }
        }
        copy.copy("customer (" + CUSTOMER_COLUMNS + ")", rows);
        copy.copy("customer_tag (customer_id, tag)", tags);
    }
}
