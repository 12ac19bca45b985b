package org.crmsuite.sales.activity;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates the next VISIT of every active follow-up plan whose period comes within {@code leadTime}, exactly once per
 * plan and period: the plan row is claimed with {@code FOR UPDATE SKIP LOCKED}, the visit inserted with the plan and
 * period (unique together), and the plan moved on to its next period, all in one transaction. A plan that fell behind
 * (the service was down) gets one visit per missed period, each due when it should have been.
 */
public class FollowUpPlans {

    private record Due(UUID id, UUID customerId, String subject, int every, FollowUpUnit unit, int period, Instant dueAt, String owner,
                       String department) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Duration leadTime;
    private final Duration remindBefore;
    private final int batchSize;

    public FollowUpPlans(JdbcClient jdbc, TransactionTemplate transactions, Clock clock, Duration leadTime, Duration remindBefore, int batchSize) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
        this.leadTime = leadTime;
        this.remindBefore = remindBefore;
        this.batchSize = batchSize;
    }

    /** Creates the visits that are due; answers how many this instance created. */
    public int createDue() {
        int total = 0;
        while (true) {
            int[] batch = transactions.execute(status -> createBatch());
            if (batch == null || batch[0] == 0) {
                return total;
            }
            total += batch[1];
        }
    }

    /** Answers {plans claimed, visits created}. */
    private int[] createBatch() {
        Instant now = clock.instant();
        List<Due> due = jdbc.sql("""
                        SELECT id, customer_id, subject, every, unit, next_period, next_due_at, owner_id, department FROM follow_up_plan
                        WHERE active AND next_due_at <= :horizon ORDER BY next_due_at LIMIT :batch FOR UPDATE SKIP LOCKED""")
                .param("horizon", Timestamp.from(now.plus(leadTime))).param("batch", batchSize)
                .query((rs, n) -> new Due(ActivityReminders.uuid(rs, "id"), ActivityReminders.uuid(rs, "customer_id"), rs.getString("subject"),
                        rs.getInt("every"), FollowUpUnit.valueOf(rs.getString("unit")), rs.getInt("next_period"),
                        ActivityReminders.instant(rs, "next_due_at"), rs.getString("owner_id"), rs.getString("department")))
                .list();
        int created = 0;
        for (Due plan : due) {
            Instant remindAt = plan.dueAt().minus(remindBefore);
            created += jdbc.sql("""
                            INSERT INTO activity (id, type, subject, due_at, remind_at, customer_id, status, follow_up_plan_id, plan_period,
                                                  owner_id, department, version, created_at, created_by, updated_at, updated_by)
                            VALUES (:id, 'VISIT', :subject, :due, :remind, :customer, 'PLANNED', :plan, :period,
                                    :owner, :department, 0, :now, 'system', :now, 'system')
                            ON CONFLICT (follow_up_plan_id, plan_period) WHERE follow_up_plan_id IS NOT NULL DO NOTHING""")
                    .param("id", UUID.randomUUID()).param("subject", plan.subject()).param("due", Timestamp.from(plan.dueAt()))
                    .param("remind", Timestamp.from(remindAt)).param("customer", plan.customerId()).param("plan", plan.id())
                    .param("period", plan.period()).param("owner", plan.owner()).param("department", plan.department())
                    .param("now", Timestamp.from(now)).update();
            Instant next = plan.unit().after(plan.dueAt().atZone(clock.getZone()), plan.every()).toInstant();
            jdbc.sql("""
                            UPDATE follow_up_plan SET next_period = :period + 1, next_due_at = :next, version = version + 1,
                                   updated_at = :now, updated_by = 'system'
                            WHERE id = :id""")
                    .param("period", plan.period()).param("next", Timestamp.from(next)).param("now", Timestamp.from(now))
                    .param("id", plan.id()).update();
        }
        return new int[] {due.size(), created};
    }
}
