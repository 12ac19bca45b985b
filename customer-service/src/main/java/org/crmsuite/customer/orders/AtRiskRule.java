package org.crmsuite.customer.orders;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.crmsuite.customer.customer.CustomerRegistry;
import org.crmsuite.customer.customer.LifecycleStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * "No order for N months moves an ACTIVE customer to AT_RISK": a scheduled check over customers with a recorded ERP
 * order ({@code last_order_at}) older than {@code crm.customer.at-risk.no-order-months}. Each batch claims its rows
 * with {@code FOR UPDATE SKIP LOCKED} and moves them in the same transaction, so two replicas running at once take
 * disjoint customers and a customer moved by one is no longer ACTIVE for the other: each customer moves exactly once.
 * Time comes from the {@link Clock} bean (tests pass their own clock to {@link #check(Clock)}).
 */
@Service
@EnableConfigurationProperties(AtRiskProperties.class)
public class AtRiskRule {

    private static final Logger log = LoggerFactory.getLogger(AtRiskRule.class);
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private final JdbcClient db;
    private final CustomerRegistry registry;
    private final TransactionTemplate transactions;
    private final AtRiskProperties properties;
    private final Clock clock;

    AtRiskRule(JdbcClient db, CustomerRegistry registry, PlatformTransactionManager transactions, AtRiskProperties properties, Clock clock) {
        this.db = db;
        this.registry = registry;
        this.transactions = new TransactionTemplate(transactions);
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${crm.customer.at-risk.check-interval:PT1H}", initialDelayString = "${crm.customer.at-risk.check-interval:PT1H}")
    void scheduled() {
        int moved = check(clock);
        if (moved > 0) {
            log.info("at-risk rule moved {} customers without an order for {} months", moved, properties.noOrderMonths());
        }
    }

    /** Runs the rule as of the clock's now; answers how many customers this call moved. */
    public int check(Clock now) {
        Instant cutoff = ZonedDateTime.ofInstant(now.instant(), ZONE).minusMonths(properties.noOrderMonths()).toInstant();
        int moved = 0;
        int[] result;
        do {
            result = transactions.execute(status -> moveBatch(cutoff));
            moved += result[1];
        } while (result[0] == properties.batchSize() && result[1] > 0); // a full batch of refusals must not loop
        return moved;
    }

    private int[] moveBatch(Instant cutoff) {
        List<UUID> claimed = db.sql("""
                        SELECT id FROM customer
                        WHERE lifecycle_stage = 'ACTIVE' AND status = 'ACTIVE' AND last_order_at < :cutoff
                        ORDER BY last_order_at LIMIT :limit FOR UPDATE SKIP LOCKED""")
                .param("cutoff", Timestamp.from(cutoff)).param("limit", properties.batchSize()).query(UUID.class).list();
        int moved = 0;
        for (UUID id : claimed) {
            Instant last = db.sql("SELECT last_order_at FROM customer WHERE id = :id").param("id", id).query(Timestamp.class).single().toInstant();
            String reason = "no order for " + properties.noOrderMonths() + " months (last order on " + last.atZone(ZONE).toLocalDate() + ")";
            List<String> refused = new ArrayList<>();
            if (registry.changeStageAutomatically(id, LifecycleStage.AT_RISK, reason, "at-risk-rule", refused)) {
                moved++;
            } else {
                log.warn("at-risk rule could not move customer {}: {}", id, refused);
            }
        }
        return new int[] {claimed.size(), moved};
    }
}
