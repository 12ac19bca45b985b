package org.crmsuite.sales.activity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.crmsuite.platform.outbox.Outbox;
import org.crmsuite.sales.events.ActivityDue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends {@code crm.activity.due.v1} once per activity when its reminder time comes, across restarts and replicas: one
 * statement claims a batch of due reminders ({@code UPDATE ... SET reminder_sent_at ... WHERE id IN (SELECT ... FOR
 * UPDATE SKIP LOCKED)}) and the events go to the outbox in the same transaction. A replica skips rows another one holds;
 * a crash before the commit leaves both the claim and the events undone, so the next run sends them.
 */
public class ActivityReminders {

    private final JdbcClient jdbc;
    private final Outbox outbox;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final int batchSize;

    public ActivityReminders(JdbcClient jdbc, Outbox outbox, TransactionTemplate transactions, Clock clock, int batchSize) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.transactions = transactions;
        this.clock = clock;
        this.batchSize = batchSize;
    }

    /** Sends every reminder due now; answers how many this instance sent. */
    public int sendDue() {
        int total = 0;
        int sent;
        do {
            Integer batch = transactions.execute(status -> sendBatch());
            sent = batch == null ? 0 : batch;
            total += sent;
        } while (sent == batchSize);
        return total;
    }

    private int sendBatch() {
        Instant now = clock.instant();
        List<ActivityDue> due = jdbc.sql("""
                        UPDATE activity SET reminder_sent_at = :now
                        WHERE id IN (SELECT id FROM activity
                                     WHERE status = 'PLANNED' AND reminder_sent_at IS NULL AND remind_at <= :now
                                     ORDER BY remind_at LIMIT :batch FOR UPDATE SKIP LOCKED)
                        RETURNING id, type, subject, due_at, remind_at, lead_id, opportunity_id, customer_id, owner_id, department""")
                .param("now", Timestamp.from(now)).param("batch", batchSize)
                .query((rs, n) -> new ActivityDue(uuid(rs, "id"), rs.getString("type"), rs.getString("subject"), instant(rs, "due_at"),
                        instant(rs, "remind_at"), uuid(rs, "lead_id"), uuid(rs, "opportunity_id"), uuid(rs, "customer_id"),
                        rs.getString("owner_id"), rs.getString("department")))
                .list();
        outbox.recordAll(due);
        return due.size();
    }

    static UUID uuid(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, UUID.class);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
