package org.crmsuite.customer.orders;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.crmsuite.customer.ApiTestSupport;
import org.crmsuite.platform.test.InboundEvents;
import org.crmsuite.platform.events.InboundEvent;
import org.crmsuite.platform.events.Topics;
import org.crmsuite.platform.test.EventProbe;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** erp.order.events from a real Kafka: schema-checked on receipt, duplicated, out of order, early (unknown customer), malformed. */
class OrderEventsTest extends ApiTestSupport {

    static final String CUSTOMERS = "/api/v1/customers";
    static final String PLACED = "erp.order.placed.v1";

    static String placedByUscc(String order, String uscc, String orderedAt) {
        return """
                {"orderId":"%s","orderNumber":"%s","customerId":null,"uscc":"%s","amount":"48600.00","currency":"CNY","orderedAt":"%s",
                 "lines":[{"product":"Edge gateway X2","quantity":"30","lineTotal":"48600.00"}]}""".formatted(order, order, uscc, orderedAt);
    }

    static String placedById(String order, String customerId, String orderedAt) {
        return """
                {"orderId":"%s","customerId":"%s","amount":"100.00","currency":"CNY","orderedAt":"%s"}""".formatted(order, customerId, orderedAt);
    }

    /** A random valid USCC in the form the ERP schema demands (digits for the region code). */
    public static String uscc() {
        String alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        StringBuilder body = new StringBuilder("91");
        for (int i = 0; i < 6; i++) {
            body.append(random.nextInt(10));
        }
        for (int i = 0; i < 9; i++) {
            body.append(alphabet.charAt(random.nextInt(31)));
        }
        return body.toString() + org.crmsuite.customer.customer.UnifiedSocialCreditCode.checkCharacter(body.toString());
    }

    static String order() {
        return "SO-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A prospect with everything ACTIVE requires (industry, region, owner, department). */
    ResponseEntity<Map> prospect(String uscc) {
        ResponseEntity<Map> created = post(REP, CUSTOMERS, Map.of("legalName", "订单测试" + UUID.randomUUID().toString().substring(0, 6) + "有限公司",
                "uscc", uscc, "industry", "制造业", "province", "浙江省", "city", "杭州市", "createAnyway", true));
        assertThat(created.getStatusCode().value()).isEqualTo(201);
        assertThat(created.getBody()).containsEntry("lifecycleStage", "PROSPECT");
        return created;
    }

    String stage(Object id) {
        return (String) get(REP, CUSTOMERS + "/" + id).getBody().get("lifecycleStage");
    }

    Instant lastOrderAt(Object id) {
        return db.sql("SELECT last_order_at FROM customer WHERE id = :id").param("id", UUID.fromString(id.toString()))
                .query((rs, n) -> java.util.Optional.ofNullable(rs.getTimestamp(1)).map(java.sql.Timestamp::toInstant)).single().orElse(null);
    }

    long processed(String eventId) {
        return db.sql("SELECT count(*) FROM processed_event WHERE consumer = 'customer-service.erp-orders' AND event_id = :e")
                .param("e", eventId).query(Long.class).single();
    }

    @Test
    void aPlacedOrderByUsccActivatesAProspectAndRecordsTheLastOrderDate() {
        String uscc = uscc();
        Object id = prospect(uscc).getBody().get("id");
        String order = order();
        try (EventProbe probe = EventProbe.onSharedKafka(Topics.CUSTOMER); InboundEvents events = new InboundEvents()) {
            events.send(Topics.ERP_ORDERS, PLACED, order, placedByUscc(order, uscc, "2026-11-12T05:59:40Z"));
            await().atMost(Duration.ofSeconds(30)).until(() -> "ACTIVE".equals(stage(id)));
            InboundEvent changed = probe.awaitEvent("crm.customer.lifecycle-stage-changed.v1", id.toString());
            assertThat(changed.text("fromStage")).isEqualTo("PROSPECT");
            assertThat(changed.text("toStage")).isEqualTo("ACTIVE");
            assertThat(changed.text("reason")).contains(order);
            probe.assertAllMatchTheirSchemas();
        }
        assertThat(lastOrderAt(id)).isEqualTo(Instant.parse("2026-11-12T05:59:40Z"));
        // the API shows it too (issue 8)
        assertThat(Instant.parse((String) get(REP, CUSTOMERS + "/" + id).getBody().get("lastOrderAt")))
                .isEqualTo(Instant.parse("2026-11-12T05:59:40Z"));
    }

    @Test
    void aDuplicateRecordAppliesOnceAndAnOlderOrderKeepsTheNewerDate() {
        String uscc = uscc();
        Object id = prospect(uscc).getBody().get("id");
        String newer = order();
        String older = order();
        String newerId;
        String olderId;
        try (InboundEvents events = new InboundEvents()) {
            newerId = events.send(Topics.ERP_ORDERS, PLACED, newer, placedById(newer, id.toString(), "2026-11-20T08:00:00+08:00"));
            events.send(Topics.ERP_ORDERS, newerId, PLACED, newer, placedById(newer, id.toString(), "2026-11-20T08:00:00+08:00"));
            olderId = events.send(Topics.ERP_ORDERS, PLACED, older, placedByUscc(older, uscc, "2026-10-01T00:00:00Z"));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> processed(olderId) == 1);
        assertThat(processed(newerId)).isEqualTo(1);
        assertThat(lastOrderAt(id)).isEqualTo(Instant.parse("2026-11-20T00:00:00Z"));
        assertThat(stage(id)).isEqualTo("ACTIVE");
        // One activation in the history and one stage event, despite two records with the same ce_id and a second order.
        assertThat(db.sql("SELECT count(*) FROM outbox_event WHERE event_key = :id AND event_type = 'crm.customer.lifecycle-stage-changed.v1'")
                .param("id", id.toString()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void anOrderForAnUnknownUsccIsParkedAndAppliedWhenTheCustomerIsRegistered() {
        String uscc = uscc();
        String order = order();
        try (InboundEvents events = new InboundEvents()) {
            events.send(Topics.ERP_ORDERS, PLACED, order, placedByUscc(order, uscc, "2026-11-02T03:00:00Z"));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> db.sql("SELECT count(*) FROM parked_order_event WHERE uscc = :u")
                .param("u", uscc).query(Integer.class).single() == 1);

        ResponseEntity<Map> created = post(REP, CUSTOMERS, Map.of("legalName", "迟到客户" + UUID.randomUUID().toString().substring(0, 6) + "有限公司",
                "uscc", uscc, "industry", "制造业", "province", "浙江省", "city", "杭州市", "createAnyway", true));

        // Applied in the registration's transaction: the response already shows the activated customer.
        assertThat(created.getStatusCode().value()).isEqualTo(201);
        assertThat(created.getBody()).containsEntry("lifecycleStage", "ACTIVE");
        assertThat(lastOrderAt(created.getBody().get("id"))).isEqualTo(Instant.parse("2026-11-02T03:00:00Z"));
        assertThat(db.sql("SELECT count(*) FROM parked_order_event WHERE uscc = :u").param("u", uscc).query(Integer.class).single()).isZero();
    }

    @Test
    void aMergedCustomersOrderGoesToTheSurvivor() {
        ResponseEntity<Map> survivor = prospect(uscc());
        ResponseEntity<Map> loser = prospect(uscc());
        Object survivorId = survivor.getBody().get("id");
        Object loserId = loser.getBody().get("id");
        assertThat(post(STEWARD, CUSTOMERS + "/" + survivorId + "/merge", Map.of("loserId", loserId,
                "loserVersion", loser.getBody().get("version")), etag(survivor)).getStatusCode().value()).isEqualTo(200);
        String order = order();
        try (InboundEvents events = new InboundEvents()) {
            events.send(Topics.ERP_ORDERS, PLACED, order, placedById(order, loserId.toString(), "2026-11-15T00:00:00Z"));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> Instant.parse("2026-11-15T00:00:00Z").equals(lastOrderAt(survivorId)));
        assertThat(stage(survivorId)).isEqualTo("ACTIVE");
        assertThat(lastOrderAt(loserId)).isNull();
    }

    @Test
    void aMalformedOrderGoesToTheDeadLetterTopicWithTheReasonAndLaterRecordsKeepFlowing() {
        String bad;
        String uscc = uscc();
        Object id = prospect(uscc).getBody().get("id");
        String order = order();
        try (InboundEvents events = new InboundEvents()) {
            bad = events.send(Topics.ERP_ORDERS, PLACED, "bad", """
                    {"orderId":"bad","uscc":"%s","amount":48600,"currency":"RMB!","orderedAt":"2026-11-12T05:59:40Z"}""".formatted(uscc));
            events.send(Topics.ERP_ORDERS, PLACED, order, placedByUscc(order, uscc, "2026-11-12T05:59:40Z"));
        }
        try (EventProbe dlt = EventProbe.onSharedKafka(Topics.ERP_ORDERS + ".DLT")) {
            dlt.awaitEvent(e -> e.id().equals(bad));
            ConsumerRecord<String, String> dead = dlt.records().stream()
                    .filter(r -> bad.equals(new String(r.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8))).findFirst().orElseThrow();
            String reason = new String(dead.headers().lastHeader("kafka_dlt-exception-message").value(), StandardCharsets.UTF_8);
            assertThat(reason).contains("breaks its schema").contains("amount").contains("currency");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> "ACTIVE".equals(stage(id)));
        assertThat(processed(bad)).isZero();
    }
}
