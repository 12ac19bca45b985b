package org.crmsuite.customer.dedup;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.crmsuite.customer.customer.CustomerDetails;
import org.crmsuite.customer.customer.CustomerVisibility;
import org.crmsuite.customer.customer.DuplicateCandidate;
import org.crmsuite.platform.security.CurrentUser;
import org.crmsuite.platform.web.CrmProblemException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Pairs of customers that may be the same company, for data stewards to review, worst first. Filled when a
 * customer is registered despite candidates, and by {@link #scan()} over the customers changed since the last scan.
 * A dismissed pair stays dismissed; pairs whose customers were merged or erased drop out of the queue.
 */
@Component
public class DuplicateReviewQueue {

    public record Side(UUID id, String code, String name) {
    }

    public record Pair(UUID id, Side customer, Side candidate, int score, List<String> reasons, String status, Instant foundAt) {
    }

    /** Scanned per run at most; the next run continues where this one stopped. */
    static final int SCAN_BATCH = 500;

    private final JdbcClient jdbc;
    private final DuplicateFinder finder;
    private final Clock clock;

    DuplicateReviewQueue(JdbcClient jdbc, DuplicateFinder finder, Clock clock) {
        this.jdbc = jdbc;
        this.finder = finder;
        this.clock = clock;
    }

    /** Flags the pairs at once (a customer registered although candidates were found). */
    @Transactional
    public void flag(UUID customerId, List<DuplicateCandidate> candidates) {
        Instant now = clock.instant();
        for (DuplicateCandidate candidate : candidates) {
            // PostgreSQL orders UUIDs as unsigned bytes, like their hex text; UUID.compareTo compares signed longs.
            UUID a = customerId.toString().compareTo(candidate.id().toString()) < 0 ? customerId : candidate.id();
            UUID b = a.equals(customerId) ? candidate.id() : customerId;
            jdbc.sql("""
                            INSERT INTO duplicate_pair (id, customer_a, customer_b, score, reasons, status, found_at)
                            VALUES (:id, :a, :b, :score, :reasons, 'OPEN', :at)
                            ON CONFLICT (customer_a, customer_b) DO UPDATE SET score = EXCLUDED.score, reasons = EXCLUDED.reasons
                            WHERE duplicate_pair.status = 'OPEN'""")
                    .param("id", UUID.randomUUID()).param("a", a).param("b", b).param("score", candidate.score())
                    .param("reasons", String.join("\n", candidate.reasons())).param("at", Timestamp.from(now))
                    .update();
        }
    }

    /**
     * Scans the customers changed since the last scan (at most {@value #SCAN_BATCH}), oldest change first, and
     * flags their candidates. Returns how many customers it looked at. A transaction-level advisory lock keeps two
     * instances from scanning at once.
     */
    @Transactional
    public int scan() {
        boolean mine = jdbc.sql("SELECT pg_try_advisory_xact_lock(hashtext('crm.customer.duplicate-scan'))").query(Boolean.class).single();
        if (!mine) {
            return 0;
        }
        Instant from = jdbc.sql("SELECT scanned_to FROM duplicate_scan WHERE id = 1 FOR UPDATE")
                .query(Timestamp.class).single().toInstant();
        List<ScanRow> changed = jdbc.sql("""
                        SELECT id, legal_name, uscc, phone, email, website, updated_at FROM customer
                        WHERE updated_at > :from AND status = 'ACTIVE' ORDER BY updated_at LIMIT :limit""")
                .param("from", Timestamp.from(from)).param("limit", SCAN_BATCH)
                .query((rs, n) -> new ScanRow(rs.getObject("id", UUID.class), rs.getString("legal_name"), rs.getString("uscc"),
                        rs.getString("phone"), rs.getString("email"), rs.getString("website"), rs.getTimestamp("updated_at").toInstant()))
                .list();
        for (ScanRow row : changed) {
            CustomerDetails details = new CustomerDetails(row.legalName(), null, row.uscc(), false, null, null, null, null, null, null,
                    row.website(), row.phone(), row.email(), null, null, List.of(), null, false, null, false);
            flag(row.id(), finder.candidates(details, row.id()));
        }
        if (!changed.isEmpty()) {
            jdbc.sql("UPDATE duplicate_scan SET scanned_to = :to WHERE id = 1")
                    .param("to", Timestamp.from(changed.getLast().updatedAt())).update();
        }
        return changed.size();
    }

    @Transactional(readOnly = true)
    public List<Pair> open(CurrentUser user, int page, int size) {
        CustomerVisibility.requireAny(user, CustomerVisibility.STEWARDS, "review duplicates");
        return jdbc.sql("""
                        SELECT p.id, p.score, p.reasons, p.status, p.found_at,
                               a.id AS a_id, a.code AS a_code, a.legal_name AS a_name, b.id AS b_id, b.code AS b_code, b.legal_name AS b_name
                        FROM duplicate_pair p JOIN customer a ON a.id = p.customer_a JOIN customer b ON b.id = p.customer_b
                        WHERE p.status = 'OPEN' AND a.status IN ('ACTIVE', 'ARCHIVED') AND b.status IN ('ACTIVE', 'ARCHIVED')
                        ORDER BY p.score DESC, p.found_at, p.id LIMIT :limit OFFSET :offset""")
                .param("limit", size).param("offset", (long) page * size)
                .query((rs, n) -> new Pair(rs.getObject("id", UUID.class),
                        new Side(rs.getObject("a_id", UUID.class), rs.getString("a_code"), rs.getString("a_name")),
                        new Side(rs.getObject("b_id", UUID.class), rs.getString("b_code"), rs.getString("b_name")),
                        rs.getInt("score"), List.of(rs.getString("reasons").split("\n")), rs.getString("status"),
                        rs.getTimestamp("found_at").toInstant()))
                .list();
    }

    /** Not the same company: the pair leaves the queue and later scans do not bring it back. */
    @Transactional
    public void dismiss(UUID pairId, CurrentUser user) {
        CustomerVisibility.requireAny(user, CustomerVisibility.STEWARDS, "review duplicates");
        int updated = jdbc.sql("UPDATE duplicate_pair SET status = 'DISMISSED', reviewed_by = :by, reviewed_at = :at WHERE id = :id")
                .param("by", user.id()).param("at", Timestamp.from(clock.instant())).param("id", pairId).update();
        if (updated == 0) {
            throw CrmProblemException.notFound("duplicate pair", pairId);
        }
    }

    private record ScanRow(UUID id, String legalName, String uscc, String phone, String email, String website, Instant updatedAt) {
    }
}
