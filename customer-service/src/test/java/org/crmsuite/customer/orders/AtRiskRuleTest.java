package org.crmsuite.customer.orders;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import org.crmsuite.customer.ApiTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/** "No order for N months (6 here) moves an ACTIVE customer to AT_RISK", with a clock the test controls, and two replicas at once. */
class AtRiskRuleTest extends ApiTestSupport {

    static final String CUSTOMERS = "/api/v1/customers";
    static final Instant LAST_ORDER = Instant.parse("2026-01-10T02:00:00Z");

    @Autowired
    AtRiskRule rule;

    /** An ACTIVE customer whose last order was on {@link #LAST_ORDER}. */
    UUID activeCustomerWithOldOrder() {
        ResponseEntity<Map> created = post(REP, CUSTOMERS, Map.of("legalName", "风险测试" + UUID.randomUUID().toString().substring(0, 6) + "有限公司",
                "uscc", OrderEventsTest.uscc(), "industry", "制造业", "province", "浙江省", "city", "杭州市", "createAnyway", true));
        Object id = created.getBody().get("id");
        assertThat(put(REP, CUSTOMERS + "/" + id + "/lifecycle-stage", Map.of("stage", "ACTIVE"), etag(created)).getStatusCode().value()).isEqualTo(200);
        UUID uuid = UUID.fromString(id.toString());
        db.sql("UPDATE customer SET last_order_at = :at WHERE id = :id").param("at", Timestamp.from(LAST_ORDER)).param("id", uuid).update();
        return uuid;
    }

    String stage(UUID id) {
        return db.sql("SELECT lifecycle_stage FROM customer WHERE id = :id").param("id", id).query(String.class).single();
    }

    long atRiskEvents(UUID id) {
        return db.sql("""
                SELECT count(*) FROM outbox_event WHERE event_key = :id AND event_type = 'crm.customer.lifecycle-stage-changed.v1'
                AND payload LIKE '%"toStage":"AT_RISK"%'""").param("id", id.toString()).query(Long.class).single();
    }

    @Test
    void anActiveCustomerWithoutAnOrderForSixMonthsIsAtRiskOnceEvenWithTwoReplicas() throws Exception {
        List<UUID> customers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            customers.add(activeCustomerWithOldOrder());
        }
        // Five months and three weeks later: not yet.
        Clock clock = Clock.fixed(LAST_ORDER.plus(Duration.ofDays(170)), ZoneOffset.UTC);
        rule.check(clock);
        customers.forEach(id -> assertThat(stage(id)).isEqualTo("ACTIVE"));

        // Six months and a day later, two replicas run the rule at the same moment.
        Clock later = Clock.offset(clock, Duration.ofDays(13));
        CyclicBarrier start = new CyclicBarrier(2);
        CompletableFuture<Integer> a = CompletableFuture.supplyAsync(() -> { await(start); return rule.check(later); });
        CompletableFuture<Integer> b = CompletableFuture.supplyAsync(() -> { await(start); return rule.check(later); });
        assertThat(a.get() + b.get()).isGreaterThanOrEqualTo(customers.size());

        for (UUID id : customers) {
            assertThat(stage(id)).isEqualTo("AT_RISK");
            assertThat(atRiskEvents(id)).isEqualTo(1);
        }
        assertThat(rule.check(later)).isZero(); // nothing left to move
        String reason = db.sql("SELECT status_reason FROM customer WHERE id = :id").param("id", customers.get(0)).query(String.class).single();
        assertThat(reason).contains("no order for 6 months").contains("2026-01-10");
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
