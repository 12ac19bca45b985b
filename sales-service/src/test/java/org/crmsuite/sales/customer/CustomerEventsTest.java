package org.crmsuite.sales.customer;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.crmsuite.platform.events.Topics;
import org.crmsuite.platform.test.EventProbe;
import org.crmsuite.sales.ApiTestSupport;
import org.crmsuite.platform.test.InboundEvents;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** crm.customer.events from a real Kafka: merges re-point, erasures erase, repeats change nothing, bad records go to the DLT. */
class CustomerEventsTest extends ApiTestSupport {

    String lead(UUID customer) {
        String id = (String) post(REP, "/api/v1/sales/leads", Map.of("company", "镇江船舶配件有限公司", "contactName", "刘洋", "contactTitle", "采购经理",
                "contactPhone", "+86 139 1111 2222", "contactEmail", "liu.yang@example.cn", "source", "REFERRAL")).getBody().get("id");
        db.sql("UPDATE lead SET customer_id = :c WHERE id = :id").param("c", customer).param("id", UUID.fromString(id)).update();
        return id;
    }

    long version(String table, String id) {
        return db.sql("SELECT version FROM " + table + " WHERE id = :id").param("id", UUID.fromString(id)).query(Long.class).single();
    }

    String customerOf(String table, String id) {
        return db.sql("SELECT customer_id::text FROM " + table + " WHERE id = :id").param("id", UUID.fromString(id)).query(String.class).single();
    }

    @Test
    void aMergeRepointsTheLosersRecordsOnceEvenWhenDeliveredTwice() {
        UUID loser = UUID.randomUUID();
        UUID survivor = UUID.randomUUID();
        String lead = lead(loser);
        String deal = (String) post(REP, "/api/v1/sales/opportunities", Map.of("name", "港机备件框架", "customerId", loser.toString(),
                "amount", "50000.00", "currency", "CNY")).getBody().get("id");
        String activity = (String) post(REP, "/api/v1/sales/activities", Map.of("type", "CALL", "subject", "回电", "customerId", loser.toString(),
                "dueAt", "2030-01-01T00:00:00Z")).getBody().get("id");
        String plan = (String) post(REP, "/api/v1/sales/follow-up-plans", Map.of("customerId", loser.toString(), "subject", "月度回访",
                "every", 30, "unit", "DAYS", "firstVisitAt", "2099-01-01T00:00:00Z")).getBody().get("id");
        long dealVersion = version("opportunity", deal);

        String merged = """
                {"mergeId":"%s","loserId":"%s","loserCode":"C-000900","survivorId":"%s","survivorCode":"C-000100","movedContactIds":[],
                 "mergedBy":"steward","mergedAt":"2026-11-23T08:00:00Z","undoableUntil":"2026-11-30T08:00:00Z","later":"ignored"}"""
                .formatted(UUID.randomUUID(), loser, survivor);
        try (InboundEvents events = new InboundEvents()) {
            String id = events.send(Topics.CUSTOMER, "crm.customer.merged.v1", loser.toString(), merged);
            events.send(Topics.CUSTOMER, id, "crm.customer.merged.v1", loser.toString(), merged);
            events.send(Topics.CUSTOMER, "crm.customer.future-thing.v1", loser.toString(), "{}");
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(customerOf("opportunity", deal)).isEqualTo(survivor.toString());
            assertThat(customerOf("lead", lead)).isEqualTo(survivor.toString());
            assertThat(customerOf("activity", activity)).isEqualTo(survivor.toString());
            assertThat(customerOf("follow_up_plan", plan)).isEqualTo(survivor.toString());
        });
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(version("opportunity", deal)).isEqualTo(dealVersion + 1));
        assertThat(get(REP, "/api/v1/sales/opportunities/" + deal).getBody().get("customerId")).isEqualTo(survivor.toString());
    }

    @Test
    void customerAndContactErasuresEraseTheLeadsContactData() {
        UUID erasedCustomer = UUID.randomUUID();
        UUID contactsCustomer = UUID.randomUUID();
        UUID untouchedCustomer = UUID.randomUUID();
        String one = lead(erasedCustomer);
        String two = lead(contactsCustomer);
        String three = lead(untouchedCustomer);

        try (InboundEvents events = new InboundEvents()) {
            events.send(Topics.CUSTOMER, "crm.customer.erased.v1", erasedCustomer.toString(), """
                    {"customerId":"%s","code":"C-000901","erasedContactIds":[],"erasedBy":"steward","erasedAt":"2026-11-23T08:00:00Z"}"""
                    .formatted(erasedCustomer));
            events.send(Topics.CUSTOMER, "crm.contact.erased.v1", contactsCustomer.toString(), """
                    {"customerId":"%s","contactId":"%s","erasedBy":"steward","erasedAt":"2026-11-23T08:00:00Z"}"""
                    .formatted(contactsCustomer, UUID.randomUUID()));
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (String erased : new String[] {one, two}) {
                Map<?, ?> view = get(REP, "/api/v1/sales/leads/" + erased).getBody();
                assertThat(view.get("contactName")).isNull();
                assertThat(view.get("contactPhone")).isNull();
                assertThat(view.get("contactEmail")).isNull();
                assertThat(view.get("contactTitle")).isNull();
                assertThat(view.get("company")).isEqualTo("镇江船舶配件有限公司");
            }
        });
        assertThat(get(REP, "/api/v1/sales/leads/" + three).getBody().get("contactEmail")).isEqualTo("liu.yang@example.cn");
    }

    @Test
    void aMergeWithoutIdsGoesToTheDeadLetterTopic() {
        String id;
        try (InboundEvents events = new InboundEvents()) {
            id = events.send(Topics.CUSTOMER, "crm.customer.merged.v1", "x", "{\"mergeId\":\"m\"}");
        }
        try (EventProbe dlt = EventProbe.onSharedKafka(Topics.CUSTOMER + ".DLT")) {
            assertThat(dlt.awaitEvent(e -> e.id().equals(id)).type()).isEqualTo("crm.customer.merged.v1");
        }
    }
}
