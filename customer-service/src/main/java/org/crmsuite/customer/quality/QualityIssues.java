package org.crmsuite.customer.quality;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.crmsuite.customer.customer.Customer;
import org.crmsuite.customer.customer.CustomerRegistry;
import org.crmsuite.customer.customer.CustomerStatus;
import org.crmsuite.customer.customer.CustomerVisibility;
import org.crmsuite.customer.events.QualityIssueAssigned;
import org.crmsuite.platform.outbox.Outbox;
import org.crmsuite.platform.security.CurrentUser;
import org.crmsuite.platform.security.Roles;
import org.crmsuite.platform.web.CrmProblemException;
import org.crmsuite.platform.web.FieldViolation;
import org.crmsuite.platform.web.IfMatch;
import org.crmsuite.platform.web.ProblemType;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stewards' work on data-quality issues: assign (and reassign) an issue of a customer record to a steward, who resolves
 * it. Each assignment records {@code crm.customer.quality-issue-assigned.v1} in its transaction (notification-service
 * tells the assignee). Stewards and admins assign and list all; a steward resolves the issues assigned to them (admins
 * any); managers list the issues of their departments' customers.
 */
@Service
public class QualityIssues {

    static final String[] MANAGERS = {Roles.SALES_MANAGER, Roles.SERVICE_MANAGER};

    private final JdbcClient jdbc;
    private final CustomerRegistry customers;
    private final Outbox outbox;
    private final Clock clock;

    QualityIssues(JdbcClient jdbc, CustomerRegistry customers, Outbox outbox, Clock clock) {
        this.jdbc = jdbc;
        this.customers = customers;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** What a steward is asked to fix. */
    public record Assignment(QualityIssue.Kind kind, String field, String assignee, Instant dueAt, String note) {
    }

    @Transactional
    public QualityIssue assign(UUID customerId, Assignment request, CurrentUser user) {
        CustomerVisibility.requireAny(user, CustomerVisibility.STEWARDS, "assign data-quality issues");
        Instant now = clock.instant();
        String note = QualityIssue.text(request.note());
        List<FieldViolation> violations = QualityIssue.checkAssignment(request.kind(), request.field(), request.assignee(),
                request.dueAt(), note, now);
        if (!violations.isEmpty()) {
            throw CrmProblemException.invalid(violations);
        }
        Customer customer = workable(customers.get(customerId, user));
        UUID issueId = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO quality_issue (id, customer_id, kind, field, assignee, assigned_by, assigned_at, due_at, note,
                                                   status, created_by, created_at, version)
                        VALUES (:id, :customer, :kind, :field, :assignee, :by, :at, :due, :note, 'OPEN', :by, :at, 0)""")
                .param("id", issueId).param("customer", customerId).param("kind", request.kind().name()).param("field", request.field())
                .param("assignee", request.assignee()).param("by", user.id()).param("at", Timestamp.from(now))
                .param("due", request.dueAt() == null ? null : Timestamp.from(request.dueAt())).param("note", note)
                .update();
        QualityIssue issue = find(customerId, issueId, false);
        announce(issue, customer, now);
        return issue;
    }

    /** Gives the open issue to another steward (and, when sent, a new due time and note); announced again, same issueId. */
    @Transactional
    public QualityIssue reassign(UUID customerId, UUID issueId, long expectedVersion, String assignee, Instant dueAt, String note,
                                 CurrentUser user) {
        CustomerVisibility.requireAny(user, CustomerVisibility.STEWARDS, "reassign data-quality issues");
        Instant now = clock.instant();
        String text = QualityIssue.text(note);
        List<FieldViolation> violations = QualityIssue.checkReassignment(assignee, dueAt, text, now);
        if (!violations.isEmpty()) {
            throw CrmProblemException.invalid(violations);
        }
        QualityIssue issue = find(customerId, issueId, true);
        IfMatch.require("quality issue", issueId, expectedVersion, issue.version());
        requireOpen(issue);
        Customer customer = workable(customers.get(customerId, user));
        int updated = jdbc.sql("""
                        UPDATE quality_issue SET assignee = :assignee, assigned_by = :by, assigned_at = :at,
                               due_at = coalesce(:due, due_at), note = coalesce(:note, note), version = version + 1
                        WHERE id = :id AND version = :version""")
                .param("assignee", assignee).param("by", user.id()).param("at", Timestamp.from(now))
                .param("due", dueAt == null ? null : Timestamp.from(dueAt)).param("note", text)
                .param("id", issueId).param("version", expectedVersion).update();
        if (updated != 1) { // cannot happen under the row lock; kept as the last line of defence
            throw CrmProblemException.staleVersion("quality issue", issueId, expectedVersion, issue.version());
        }
        QualityIssue reassigned = find(customerId, issueId, false);
        announce(reassigned, customer, now);
        return reassigned;
    }

    /** The issue is fixed; by its assignee (a steward) or an admin. Resolving twice is a conflict. */
    @Transactional
    public QualityIssue resolve(UUID customerId, UUID issueId, Long expectedVersion, String resolution, CurrentUser user) {
        CustomerVisibility.requireAny(user, CustomerVisibility.STEWARDS, "resolve data-quality issues");
        String text = QualityIssue.text(resolution);
        List<FieldViolation> violations = QualityIssue.checkNote("resolution", text);
        if (!violations.isEmpty()) {
            throw CrmProblemException.invalid(violations);
        }
        QualityIssue issue = find(customerId, issueId, true);
        if (!user.hasRole(Roles.CRM_ADMIN) && !issue.assignee().equals(user.id())) {
            throw new AccessDeniedException(user.id() + " may only resolve the data-quality issues assigned to them; this one is "
                    + issue.assignee() + "'s");
        }
        if (expectedVersion != null) {
            IfMatch.require("quality issue", issueId, expectedVersion, issue.version());
        }
        requireOpen(issue);
        jdbc.sql("""
                        UPDATE quality_issue SET status = 'RESOLVED', resolved_by = :by, resolved_at = :at, resolution = :text,
                               version = version + 1
                        WHERE id = :id""")
                .param("by", user.id()).param("at", Timestamp.from(clock.instant())).param("text", text).param("id", issueId).update();
        return find(customerId, issueId, false);
    }

    @Transactional(readOnly = true)
    public QualityIssue get(UUID customerId, UUID issueId, CurrentUser user) {
        QualityIssue issue = find(customerId, issueId, false);
        if (!CustomerVisibility.ACCESS.seesAll(user) && !(user.hasAnyRole(MANAGERS) && withinGroups(issue.department(), user))
                && !issue.assignee().equals(user.id())) {
            throw new AccessDeniedException(user.id() + " may not see data-quality issue " + issueId);
        }
        return issue;
    }

    /** A work list: filtered, oldest due first (issues without a due time last), then by assignment. */
    @Transactional(readOnly = true)
    public Page<QualityIssue> list(String assignee, QualityIssue.Status status, String department, Pageable page, CurrentUser user) {
        boolean all = CustomerVisibility.ACCESS.seesAll(user);
        if (!all && !user.hasAnyRole(MANAGERS)) {
            throw new AccessDeniedException(user.id() + " may not list data-quality issues");
        }
        String[] groups = user.groups().toArray(String[]::new);
        String[] below = user.groups().stream().map(g -> (g.endsWith("/") ? g : g + "/") + "%").toArray(String[]::new);
        String where = """
                WHERE (CAST(:assignee AS TEXT) IS NULL OR i.assignee = :assignee)
                  AND (CAST(:status AS TEXT) IS NULL OR i.status = :status)
                  AND (CAST(:department AS TEXT) IS NULL OR c.department = :department OR c.department LIKE :departmentBelow)
                  AND (:all OR c.department = ANY (:groups) OR c.department LIKE ANY (:below))""";
        Map<String, Object> params = new java.util.HashMap<>();
        params.put("assignee", assignee);
        params.put("status", status == null ? null : status.name());
        params.put("department", department);
        params.put("departmentBelow", department == null ? null : department + "/%");
        params.put("all", all);
        params.put("groups", groups);
        params.put("below", below);
        long total = jdbc.sql("SELECT count(*) FROM quality_issue i JOIN customer c ON c.id = i.customer_id " + where)
                .params(params).query(Long.class).single();
        List<QualityIssue> items = jdbc.sql(SELECT + where + """
                         ORDER BY i.due_at ASC NULLS LAST, i.assigned_at, i.id LIMIT :limit OFFSET :offset""")
                .params(params).param("limit", page.getPageSize()).param("offset", page.getOffset())
                .query(QualityIssues::issue).list();
        return new PageImpl<>(items, page, total);
    }

    private static final String SELECT = """
            SELECT i.id, i.customer_id, c.code, c.department, i.kind, i.field, i.assignee, i.assigned_by, i.assigned_at, i.due_at,
                   i.note, i.status, i.resolved_by, i.resolved_at, i.resolution, i.version
            FROM quality_issue i JOIN customer c ON c.id = i.customer_id
            """;

    private QualityIssue find(UUID customerId, UUID issueId, boolean forUpdate) {
        return jdbc.sql(SELECT + " WHERE i.id = :id AND i.customer_id = :customer" + (forUpdate ? " FOR UPDATE OF i" : ""))
                .param("id", issueId).param("customer", customerId).query(QualityIssues::issue).optional()
                .orElseThrow(() -> CrmProblemException.notFound("quality issue", issueId));
    }

    private void announce(QualityIssue issue, Customer customer, Instant now) {
        outbox.record(new QualityIssueAssigned(issue.issueId(), customer.id(), customer.code(), issue.kind().name(), issue.field(),
                QualityScore.of(customer, now).score(), customer.department(), issue.assignee(), issue.assignedBy(), issue.assignedAt(),
                issue.dueAt(), issue.note()));
    }

    /** Issues are for records still in use: a merged one says where it went (as GET does), archived or erased ones are refused. */
    private static Customer workable(Customer customer) {
        if (customer.status() == CustomerStatus.MERGED) {
            throw new CrmProblemException(ProblemType.CONFLICT, "customer " + customer.code() + " was merged into " + customer.mergedInto()
                    + "; assign the issue on that customer", List.of(new FieldViolation("customerId", "merged into " + customer.mergedInto())),
                    Map.of("mergedInto", customer.mergedInto()));
        }
        if (!customer.isWorkable()) {
            throw CrmProblemException.ruleViolated("customer " + customer.code() + " is " + customer.status()
                    + "; data-quality issues are for customers in use", List.of(new FieldViolation("customerId", "is " + customer.status())));
        }
        return customer;
    }

    private static void requireOpen(QualityIssue issue) {
        if (issue.status() != QualityIssue.Status.OPEN) {
            throw new CrmProblemException(ProblemType.CONFLICT, "quality issue " + issue.issueId() + " was already resolved by "
                    + issue.resolvedBy() + " at " + issue.resolvedAt(), List.of(new FieldViolation("status", "already RESOLVED")),
                    Map.of("status", issue.status().name()));
        }
    }

    private static boolean withinGroups(String department, CurrentUser user) {
        return department != null && user.groups().stream().anyMatch(g -> org.crmsuite.platform.security.RecordAccess.within(department, g));
    }

    private static QualityIssue issue(ResultSet rs, int row) throws SQLException {
        return new QualityIssue(rs.getObject("id", UUID.class), rs.getObject("customer_id", UUID.class), rs.getString("code"),
                rs.getString("department"), QualityIssue.Kind.valueOf(rs.getString("kind")), rs.getString("field"),
                rs.getString("assignee"), rs.getString("assigned_by"), instant(rs, "assigned_at"), instant(rs, "due_at"),
                rs.getString("note"), QualityIssue.Status.valueOf(rs.getString("status")), rs.getString("resolved_by"),
                instant(rs, "resolved_at"), rs.getString("resolution"), rs.getLong("version"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
