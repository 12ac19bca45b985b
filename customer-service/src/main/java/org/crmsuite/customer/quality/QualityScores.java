package org.crmsuite.customer.quality;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import org.crmsuite.customer.customer.Customer;
import org.crmsuite.customer.customer.CustomerRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores each customer's {@link QualityScore} so stewards can list the worst first and see departments' quality, and
 * takes a daily snapshot per department so quality can be shown over time. Scores of changed customers are refreshed
 * every few minutes; all scores and the day's snapshot once a day, by one instance (the day's row in
 * {@code quality_snapshot_run} is the claim). Scores that moved since they were last announced are announced
 * ({@link QualityAnnouncements}).
 */
@Service
public class QualityScores {

    private static final Logger log = LoggerFactory.getLogger(QualityScores.class);
    static final int BATCH = 500;
    static final ZoneId BUSINESS_ZONE = ZoneId.of("Asia/Shanghai");
    static final int POOR = 60;

    private final JdbcClient jdbc;
    private final CustomerRepository customers;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final QualityAnnouncements announcements;

    QualityScores(JdbcClient jdbc, CustomerRepository customers, PlatformTransactionManager transactionManager, Clock clock,
                  QualityAnnouncements announcements) {
        this.announcements = announcements;
        this.jdbc = jdbc;
        this.customers = customers;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /** Today in the business time zone, by the service's clock. */
    public LocalDate today() {
        return LocalDate.now(clock.withZone(BUSINESS_ZONE));
    }

    /** Scores the customers changed since they were last scored (new ones included); returns how many. */
    @Scheduled(fixedDelayString = "${crm.customer.quality-refresh-interval:PT5M}", initialDelayString = "PT1M")
    public int refreshChanged() {
        int total = 0;
        while (true) {
            List<UUID> ids = jdbc.sql("""
                            SELECT id FROM customer WHERE quality_scored_at IS NULL OR updated_at > quality_scored_at
                            ORDER BY id LIMIT :limit""").param("limit", BATCH).query(UUID.class).list();
            if (ids.isEmpty()) {
                return total;
            }
            score(ids);
            total += ids.size();
        }
    }

    /** Scores every customer again (timeliness decays with time), in batches by id. */
    public int refreshAll() {
        UUID after = new UUID(Long.MIN_VALUE, Long.MIN_VALUE);
        int total = 0;
        boolean first = true;
        while (true) {
            List<UUID> ids = jdbc.sql("SELECT id FROM customer WHERE :first OR id > :after ORDER BY id LIMIT :limit")
                    .param("first", first).param("after", after).param("limit", BATCH).query(UUID.class).list();
            if (ids.isEmpty()) {
                return total;
            }
            score(ids);
            total += ids.size();
            after = ids.get(ids.size() - 1);
            first = false;
        }
    }

    /** Once a day: all scores, then the day's snapshot per department (skipped when another instance took it). */
    @Scheduled(cron = "${crm.customer.quality-snapshot-cron:0 30 1 * * *}", zone = "Asia/Shanghai")
    public boolean dailySnapshot() {
        LocalDate today = today();
        Boolean claimed = transactions.execute(status -> jdbc.sql("""
                        INSERT INTO quality_snapshot_run (day, taken_at) VALUES (:day, :now) ON CONFLICT (day) DO NOTHING""")
                .param("day", Date.valueOf(today)).param("now", Timestamp.from(clock.instant())).update() == 1);
        if (!Boolean.TRUE.equals(claimed)) {
            return false;
        }
        int scored = refreshAll();
        snapshot(today);
        log.info("quality snapshot for {}: {} customers scored", today, scored);
        return true;
    }

    /** The day's aggregates per department (replacing an earlier snapshot of the same day). */
    public void snapshot(LocalDate day) {
        transactions.executeWithoutResult(status -> {
            jdbc.sql("DELETE FROM quality_snapshot WHERE day = :day").param("day", Date.valueOf(day)).update();
            jdbc.sql("""
                            INSERT INTO quality_snapshot (day, department, customers, average_score, poor)
                            SELECT :day, coalesce(department, ''), count(*), round(avg(quality_score), 1),
                                   count(*) FILTER (WHERE quality_score < :poor)
                            FROM customer WHERE status = 'ACTIVE' AND quality_score IS NOT NULL
                            GROUP BY coalesce(department, '')""")
                    .param("day", Date.valueOf(day)).param("poor", POOR).update();
        });
    }

    private void score(List<UUID> ids) {
        Instant now = clock.instant();
        transactions.executeWithoutResult(status -> {
            List<Customer> batch = customers.findAllById(ids);
            for (Customer customer : batch) {
                jdbc.sql("UPDATE customer SET quality_score = :score, quality_scored_at = :now WHERE id = :id")
                        .param("score", QualityScore.of(customer, now).score()).param("now", Timestamp.from(now))
                        .param("id", customer.id()).update();
            }
            // timeliness ages without any write: the rescoring announces the scores that moved since the last announcement
            announcements.announce(batch, now);
        });
    }
}
