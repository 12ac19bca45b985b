package org.crmsuite.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.crmsuite.analytics.projection.MongoReadModelStore;
import org.crmsuite.analytics.projection.ReadModel;
import org.crmsuite.analytics.projection.ReadModelStore;
import org.crmsuite.platform.events.CloudEventHeaders;
import org.crmsuite.platform.events.InboundEvent;
import org.crmsuite.platform.events.Topics;
import org.crmsuite.platform.test.ApiTestClient;
import org.crmsuite.platform.test.EventProbe;
import org.crmsuite.platform.test.TestIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;

import tools.jackson.databind.json.JsonMapper;

/**
 * The service end to end on real Kafka and the MongoDB wire server: events in, customer 360 and KPIs out, with the
 * access rules, the problems for bad queries, the dead-letter topic for bad inbound records, and a rebuild.
 */
@AnalyticsServiceTest
class AnalyticsApiTest extends ApiTestClient {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String ERP = TestIssuer.get().token("erp", List.of("integration"), List.of());
    static final String SERVICE_MANAGER = TestIssuer.get().token("service.manager", List.of("service-manager"), List.of("/service"));

    @Autowired
    KafkaTemplate<String, String> kafka;
    @Autowired
    ReadModelStore store;

    String publish(String topic, String key, String type, Map<String, Object> payload) {
        return publish(UUID.randomUUID().toString(), topic, key, type, payload);
    }

    String publish(String eventId, String topic, String key, String type, Map<String, Object> payload) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, JSON.writeValueAsString(payload));
        record.headers().add(CloudEventHeaders.ID, eventId.getBytes(StandardCharsets.UTF_8));
        record.headers().add(CloudEventHeaders.TYPE, type.getBytes(StandardCharsets.UTF_8));
        record.headers().add(CloudEventHeaders.SOURCE, "/test".getBytes(StandardCharsets.UTF_8));
        record.headers().add(CloudEventHeaders.SUBJECT, key.getBytes(StandardCharsets.UTF_8));
        record.headers().add(CloudEventHeaders.TIME, Instant.now().toString().getBytes(StandardCharsets.UTF_8));
        kafka.send(record).join();
        return eventId;
    }

    static java.math.BigDecimal money(Object value) {
        return new java.math.BigDecimal(String.valueOf(value));
    }

    static Map<String, Object> map(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    String customer(String department, String uscc) {
        String id = UUID.randomUUID().toString();
        publish(Topics.CUSTOMER, id, "crm.customer.created.v1", map("customerId", id, "code", "C-000777", "legalName", "杭州示例科技有限公司",
                "uscc", uscc, "lifecycleStage", "ACTIVE", "valueTier", "KEY", "status", "ACTIVE", "ownerId", "rep",
                "department", department, "createdAt", Instant.now().toString()));
        publish(Topics.CUSTOMER, id, "crm.customer.updated.v1", map("customerId", id, "code", "C-000777", "version", 2,
                "changedFields", List.of("phone", "email"), "changes", map("phone", "+8613812345678", "email", "zhang.wei@example.com"),
                "updatedBy", "rep", "updatedAt", Instant.now().toString()));
        return id;
    }

    String ticket(String customerId, String queue, String department) {
        String id = UUID.randomUUID().toString();
        publish(Topics.TICKET, id, "crm.ticket.opened.v1", map("ticketId", id, "number", "T-2026-000001", "customerId", customerId,
                "channel", "WEB", "type", "COMPLAINT", "priority", "P2", "ticketSubject", "发票错误", "status", "NEW", "queue", queue,
                "department", department, "assignee", null, "openedBy", "agent.li", "openedAt", Instant.now().toString()));
        return id;
    }

    void qualityScored(String customerId, String department, int score, Instant at, String... issueDimensions) {
        List<Map<String, Object>> issues = new ArrayList<>();
        for (String dimension : issueDimensions) {
            issues.add(map("dimension", dimension, "field", "uscc", "issue", "missing"));
        }
        publish(Topics.CUSTOMER, customerId, "crm.customer.quality-scored.v1", map("customerId", customerId, "code", "C-000777",
                "department", department, "ownerId", "rep", "score", score, "previousScore", null, "completeness", Math.min(50, score / 2),
                "validity", 10, "timeliness", 10, "consistency", 5, "issues", issues, "scoredAt", at.toString()));
    }

    ResponseEntity<Map> view360(String token, String customerId) {
        return get(token, "/api/v1/analytics/customers/" + customerId + "/360");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> profile(ResponseEntity<Map> response) {
        return (Map<String, Object>) response.getBody().get("profile");
    }

    @Test
    @SuppressWarnings("unchecked")
    void eventsFromEveryTopicMakeOneCustomer360AndRedeliveriesAndUnknownTypesChangeNothing() {
        String uscc = "91330100MA27XK8L9Q";
        String customer = customer("/sales/east", uscc);
        ticket(customer, "billing", "/service/tier-1");
        String order = "SO-" + UUID.randomUUID();
        String orderEvent = publish(Topics.ERP_ORDERS, order, "erp.order.placed.v1",
                map("orderId", order, "uscc", uscc, "amount", "1200.50", "currency", "CNY", "orderedAt", Instant.now().toString()));
        publish(Topics.FINANCE_INVOICES, "INV-1", "finance.invoice.overdue.v1", map("invoiceId", "INV-" + order, "customerId", customer,
                "amountDue", "300.00", "currency", "CNY", "dueDate", "2026-01-31", "detectedAt", Instant.now().toString(), "colour", "blue"));
        publish(Topics.CUSTOMER, customer, "crm.customer.vip-flagged.v9", map("customerId", customer, "vip", true));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            ResponseEntity<Map> response = view360(MANAGER, customer);
            assertThat(response.getStatusCode().value()).isEqualTo(200);
            assertThat((List<?>) response.getBody().get("openTickets")).hasSize(1);
            assertThat((List<?>) response.getBody().get("orders")).hasSize(1);
            assertThat(money(response.getBody().get("overdueAmount"))).isEqualByComparingTo("300.00");
            assertThat((List<?>) response.getBody().get("timeline")).hasSize(6);
        });
        ResponseEntity<Map> manager = view360(MANAGER, customer);
        assertThat(profile(manager)).containsEntry("phone", "+8613812345678").containsEntry("valueTier", "KEY");
        assertThat(money(manager.getBody().get("orderTotal"))).isEqualByComparingTo("1200.50");
        assertThat(((Map<String, Object>) manager.getBody().get("churnRisk")).get("reasons").toString())
                .contains("OPEN_COMPLAINTS", "OVERDUE_INVOICES");

        // the same order event again, then a marker on the same partition: the redelivery is behind us and changed nothing
        publish(orderEvent, Topics.ERP_ORDERS, order, "erp.order.placed.v1",
                map("orderId", order, "uscc", uscc, "amount", "1200.50", "currency", "CNY", "orderedAt", Instant.now().toString()));
        publish(Topics.ERP_ORDERS, order, "erp.order.cancelled.v1", map("orderId", order, "uscc", uscc, "cancelledAt", Instant.now().toString()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(money(view360(MANAGER, customer).getBody().get("orderTotal"))).isEqualByComparingTo("0"));
        assertThat((List<?>) view360(MANAGER, customer).getBody().get("timeline")).hasSize(7);
    }

    @Test
    void analystsSeeNoPersonalDataManagersTheirDepartmentAndOthersNothing() {
        String customer = customer("/sales/east", null);
        await().atMost(Duration.ofSeconds(30)).until(() -> view360(ADMIN, customer).getStatusCode().value() == 200
                && profile(view360(ADMIN, customer)).get("phone") != null);

        ResponseEntity<Map> analyst = view360(ANALYST, customer);
        assertThat(analyst.getStatusCode().value()).isEqualTo(200);
        assertThat(profile(analyst)).doesNotContainKeys("phone", "email").containsEntry("legalName", "杭州示例科技有限公司");
        assertThat(analyst.getBody().toString()).doesNotContain("13812345678", "zhang.wei");

        assertThat(profile(view360(MANAGER, customer))).containsEntry("email", "zhang.wei@example.com");
        assertThat(profile(view360(REP, customer))).containsEntry("phone", "+8613812345678");
        assertThat(view360(REP_WEST, customer).getStatusCode().value()).isEqualTo(403);
        assertThat(view360(SERVICE_MANAGER, customer).getStatusCode().value()).isEqualTo(403);
        assertThat(view360(ERP, customer).getStatusCode().value()).isEqualTo(403);
        assertThat(view360(ADMIN, UUID.randomUUID().toString()).getStatusCode().value()).isEqualTo(404);
    }

    @Test
    @SuppressWarnings("unchecked")
    void kpisCountOnlyTheRecordsTheCallerMaySeeAndExportAsCsv() {
        String queue = "q-" + UUID.randomUUID();
        String customer = customer("/sales/east", null);
        ticket(customer, queue, "/sales/east");
        ticket(customer, queue, "/service/tier-1");
        String uri = "/api/v1/analytics/kpis/backlog?by=queue";
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(open(get(ANALYST, uri), queue)).isEqualTo(2));
        assertThat(open(get(ADMIN, uri), queue)).isEqualTo(2);
        assertThat(open(get(MANAGER, uri), queue)).isEqualTo(1);
        assertThat(open(get(SERVICE_MANAGER, uri), queue)).isEqualTo(1);
        assertThat(open(get(REP_WEST, uri), queue)).isEqualTo(0);
        assertThat(get(ERP, uri).getStatusCode().value()).isEqualTo(403);

        ResponseEntity<String> csv = http.get().uri("/api/v1/analytics/kpis/backlog.csv?by=queue")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + ANALYST).retrieve().toEntity(String.class);
        assertThat(csv.getStatusCode().value()).isEqualTo(200);
        assertThat(csv.getHeaders().getContentType().toString()).startsWith("text/csv");
        assertThat(csv.getBody()).startsWith("kpi,from,to,by,group,asOf,open,averageAgeHours,ageing.lt1d").contains("backlog,").contains(queue);

        ResponseEntity<Map> definitions = http.get().uri("/api/v1/analytics/kpis").header(HttpHeaders.AUTHORIZATION, "Bearer " + ANALYST)
                .retrieve().toEntity(Map[].class).getStatusCode().value() == 200 ? ResponseEntity.ok(Map.of()) : null;
        assertThat(definitions).isNotNull();
        for (String kpi : List.of("first-response-time", "resolution-time", "sla-compliance", "csat", "nps", "lead-conversion",
                "stage-conversion", "win-rate", "average-deal-size", "sales-cycle", "pipeline-value", "campaign-roi", "retention",
                "repurchase-rate", "rfm", "churn-risk", "data-quality")) {
            ResponseEntity<Map> response = get(ANALYST, "/api/v1/analytics/kpis/" + kpi + "?from=2026-01-01&to=2027-01-01");
            assertThat(response.getStatusCode().value()).as(kpi).isEqualTo(200);
            assertThat((List<Map<String, Object>>) response.getBody().get("rows")).as(kpi).isNotNull();
        }
        // churn-score is model by default, but a history this short cannot hold a cut-off out: the rules give the score
        ResponseEntity<Map> churn = get(ANALYST, "/api/v1/analytics/kpis/churn-risk?from=2026-01-01&to=2027-01-01");
        assertThat((List<Map<String, Object>>) churn.getBody().get("rows")).isNotEmpty()
                .allSatisfy(row -> assertThat((Map<String, Object>) row.get("values")).containsEntry("model", "rules").containsKey("reasons"));
    }

    static final String EAST_MANAGER = TestIssuer.get().token("east.manager", List.of("sales-manager"), List.of("/sales/east"));

    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> rows(ResponseEntity<Map> response) {
        assertThat(response.getStatusCode().value()).isEqualTo(200);
        Map<String, Map<String, Object>> rows = new LinkedHashMap<>();
        ((List<Map<String, Object>>) response.getBody().get("rows")).forEach(row -> rows.put((String) row.get("group"), (Map<String, Object>) row.get("values")));
        return rows;
    }

    @Test
    void dataQualityByDepartmentOverTimeCountsEachCustomersLatestScoreAndManagersSeeTheirDepartment() {
        // scores of 2020: no other test scores that early, so the numbers are these customers' alone
        String east = customer("/sales/east", null);
        String west = customer("/sales/west", null);
        qualityScored(east, "/sales/east", 40, Instant.parse("2020-01-10T00:00:00Z"), "COMPLETENESS", "COMPLETENESS");
        qualityScored(east, "/sales/east", 90, Instant.parse("2020-02-10T00:00:00Z"));
        qualityScored(west, "/sales/west", 70, Instant.parse("2020-01-15T00:00:00Z"), "VALIDITY", "TIMELINESS");
        String period = "from=2020-01-01&to=2020-03-01";
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(rows(get(ANALYST, "/api/v1/analytics/kpis/data-quality?by=department&" + period)))
                .containsOnlyKeys("/sales/east", "/sales/west"));
        Map<String, Map<String, Object>> byDepartment = rows(get(ANALYST, "/api/v1/analytics/kpis/data-quality?by=department&" + period));
        assertThat(byDepartment.get("/sales/east")).containsEntry("customers", 1).containsEntry("averageScore", 90.0);
        assertThat(byDepartment.get("/sales/west")).containsEntry("customers", 1).containsEntry("averageScore", 70.0)
                .containsEntry("issues", Map.of("COMPLETENESS", 0, "VALIDITY", 1, "TIMELINESS", 1, "CONSISTENCY", 0));

        // one department over time: each month's end takes the latest score before it
        Map<String, Map<String, Object>> eastByMonth = rows(get(ANALYST, "/api/v1/analytics/kpis/data-quality?by=month&department=/sales/east&" + period));
        assertThat(eastByMonth).containsOnlyKeys("2020-01", "2020-02");
        assertThat(eastByMonth.get("2020-01")).containsEntry("customers", 1).containsEntry("averageScore", 40.0)
                .containsEntry("bands", Map.of("lt50", 1, "50to79", 0, "ge80", 0));
        assertThat(eastByMonth.get("2020-02")).containsEntry("averageScore", 90.0).containsEntry("shares", Map.of("lt50", 0.0, "50to79", 0.0, "ge80", 1.0));

        // a manager of /sales/east sees his department only, and the filter cannot widen that
        assertThat(rows(get(EAST_MANAGER, "/api/v1/analytics/kpis/data-quality?by=department&" + period))).containsOnlyKeys("/sales/east");
        assertThat(rows(get(EAST_MANAGER, "/api/v1/analytics/kpis/data-quality?department=/sales/west&" + period)).get("all"))
                .containsEntry("customers", 0);
        assertThat(get(ERP, "/api/v1/analytics/kpis/data-quality?" + period).getStatusCode().value()).isEqualTo(403);

        ResponseEntity<String> csv = http.get().uri("/api/v1/analytics/kpis/data-quality.csv?by=department&" + period)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + ANALYST).retrieve().toEntity(String.class);
        assertThat(csv.getBody()).startsWith("kpi,from,to,by,group,asOf,customers,averageScore,bands.lt50,bands.50to79,bands.ge80,shares.lt50")
                .contains("data-quality,2019-12-31T16:00:00Z,2020-02-29T16:00:00Z,department,/sales/east,");
    }

    @SuppressWarnings("unchecked")
    static int open(ResponseEntity<Map> response, String queue) {
        assertThat(response.getStatusCode().value()).isEqualTo(200);
        return ((List<Map<String, Object>>) response.getBody().get("rows")).stream().filter(row -> queue.equals(row.get("group")))
                .mapToInt(row -> ((Number) ((Map<String, Object>) row.get("values")).get("open")).intValue()).sum();
    }

    @Test
    void badKpiQueriesGetProblems() {
        ResponseEntity<Map> unknownKpi = get(ANALYST, "/api/v1/analytics/kpis/happiness");
        assertThat(unknownKpi.getStatusCode().value()).isEqualTo(404);
        assertThat(unknownKpi.getBody().get("type")).isEqualTo("urn:crm:problem:not-found");

        ResponseEntity<Map> unknownDimension = get(ANALYST, "/api/v1/analytics/kpis/backlog?by=colour");
        assertThat(unknownDimension.getStatusCode().value()).isEqualTo(400);
        assertThat(unknownDimension.getBody().get("type")).isEqualTo("urn:crm:problem:validation-failed");
        assertThat(fields(unknownDimension)).containsExactly("by");

        ResponseEntity<Map> notForThisKpi = get(ANALYST, "/api/v1/analytics/kpis/win-rate?by=queue");
        assertThat(notForThisKpi.getStatusCode().value()).isEqualTo(400);
        assertThat(fields(notForThisKpi)).containsExactly("by");

        ResponseEntity<Map> reversed = get(ANALYST, "/api/v1/analytics/kpis/win-rate?from=2026-06-01&to=2026-01-01");
        assertThat(reversed.getStatusCode().value()).isEqualTo(400);
        assertThat(fields(reversed)).containsExactly("to");

        ResponseEntity<Map> empty = get(ANALYST, "/api/v1/analytics/kpis/win-rate?from=2026-06-01&to=2026-06-01");
        assertThat(empty.getStatusCode().value()).isEqualTo(400);

        ResponseEntity<Map> garbage = get(ANALYST, "/api/v1/analytics/kpis/win-rate?from=last-tuesday");
        assertThat(garbage.getStatusCode().value()).isEqualTo(400);
        assertThat(fields(garbage)).containsExactly("from");

        assertThat(http.get().uri("/api/v1/analytics/kpis/win-rate.csv?by=colour").header(HttpHeaders.AUTHORIZATION, "Bearer " + ANALYST)
                .retrieve().toEntity(String.class).getStatusCode().value()).isEqualTo(400);
    }

    @Test
    void anInboundRecordThatBreaksItsSchemaGoesToTheDeadLetterTopicWithTheReason() {
        String order = "SO-" + UUID.randomUUID();
        String bad = publish(Topics.ERP_ORDERS, order, "erp.order.placed.v1",
                map("orderId", order, "amount", "12.5", "currency", "CNY", "orderedAt", Instant.now().toString()));
        String badInvoice = publish(Topics.FINANCE_INVOICES, "INV-x", "finance.invoice.paid.v1", map("invoiceId", "INV-x", "currency", "CNY"));
        try (EventProbe probe = EventProbe.onSharedKafka(Topics.deadLetterOf(Topics.ERP_ORDERS), Topics.deadLetterOf(Topics.FINANCE_INVOICES))) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                List<ConsumerRecord<String, String>> records = probe.records();
                assertThat(reason(records, bad)).contains("erp.order.placed.v1 breaks its schema").contains("amount");
                assertThat(reason(records, badInvoice)).contains("finance.invoice.paid.v1 breaks its schema");
            });
        }
        assertThat(store.eventsWithAnyKey(List.of("order:" + order))).isEmpty();
    }

    static String reason(List<ConsumerRecord<String, String>> records, String eventId) {
        List<String> reasons = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            if (eventId.equals(InboundEvent.header(record, CloudEventHeaders.ID))) {
                reasons.add(InboundEvent.header(record, KafkaHeaders.DLT_EXCEPTION_MESSAGE));
            }
        }
        return reasons.isEmpty() ? "" : reasons.get(0);
    }

    @Test
    void aRebuildFromTheRawEventsGivesExactlyTheLiveReadModels() {
        String survivor = customer("/sales/east", null);
        String loser = customer("/sales/east", "91330100MA27XK8L9Q");
        ticket(loser, "general", "/sales/east");
        qualityScored(loser, "/sales/east", 55, Instant.now(), "VALIDITY");
        qualityScored(survivor, "/sales/east", 81, Instant.now());
        publish(Topics.CUSTOMER, survivor, "crm.customer.merged.v1", map("mergeId", UUID.randomUUID().toString(), "loserId", loser,
                "loserCode", "C-000778", "survivorId", survivor, "survivorCode", "C-000777", "movedContactIds", List.of(),
                "mergedBy", "steward", "mergedAt", Instant.now().toString(), "undoableUntil", Instant.now().plusSeconds(86400).toString()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            ResponseEntity<Map> response = view360(ADMIN, loser);
            assertThat(response.getStatusCode().value()).isEqualTo(200);
            assertThat(response.getBody().get("customerId")).isEqualTo(survivor);
            assertThat((List<?>) response.getBody().get("openTickets")).hasSize(1);
            assertThat((List<Object>) response.getBody().get("mergedCustomerIds")).containsExactly((Object) loser);
            // the score histories are read models too: the rebuild below must give them back as they are
            assertThat(store.get(ReadModel.QUALITY, loser, org.crmsuite.analytics.model.CustomerQuality.class)).isNotNull();
            assertThat(store.get(ReadModel.QUALITY, survivor, org.crmsuite.analytics.model.CustomerQuality.class)).isNotNull();
        });
        assertThat(post(ANALYST, "/api/v1/analytics/admin/rebuild", null).getStatusCode().value()).isEqualTo(403);

        MongoReadModelStore mongo = (MongoReadModelStore) store;
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            long before = store.eventCount();
            Map<ReadModel, List<String>> live = snapshot(mongo);
            ResponseEntity<Map> rebuilt = post(ADMIN, "/api/v1/analytics/admin/rebuild", null);
            assertThat(rebuilt.getStatusCode().value()).isEqualTo(200);
            Map<ReadModel, List<String>> after = snapshot(mongo);
            assertThat(store.eventCount()).isEqualTo(before);
            assertThat(after).isEqualTo(live);
            assertThat(((Number) rebuilt.getBody().get("events")).longValue()).isEqualTo(before);
        });
        assertThat(view360(ADMIN, loser).getBody().get("customerId")).isEqualTo(survivor);
    }

    /**
     * The intake seeds its histories cache with the streams the append created, instead of reading them: the store
     * (reading the stream ends by {@code _id} on the wire server, as on MongoDB) must name exactly those, and a
     * redelivery none.
     */
    @Test
    void theStreamBulkNamesTheStreamsItCreatedAndARedeliveryNone() {
        String key = "test-stream:" + UUID.randomUUID();
        String other = "test-stream:" + UUID.randomUUID();
        java.util.function.Function<org.crmsuite.analytics.event.AnalyticsEvent, java.util.Set<String>> keys =
                event -> event.id().endsWith("a") ? java.util.Set.of(key) : java.util.Set.of(key, other);
        var first = rawEvent(UUID.randomUUID() + "-a");
        var second = rawEvent(UUID.randomUUID() + "-b");
        ReadModelStore.Appended created = store.appendEvents(List.of(first), keys);
        assertThat(created.stored()).containsExactly(first);
        assertThat(created.newKeys()).containsExactly(key);
        ReadModelStore.Appended grown = store.appendEvents(List.of(second, first), keys);
        assertThat(grown.stored()).containsExactly(second);
        assertThat(grown.newKeys()).containsExactly(other);
        assertThat(store.histories(List.of(key)).get(key)).extracting(org.crmsuite.analytics.event.AnalyticsEvent::id)
                .containsExactly(first.id(), second.id());
        assertThat(store.appendEvents(List.of(first, second), keys).newKeys()).isEmpty();
    }

    static org.crmsuite.analytics.event.AnalyticsEvent rawEvent(String id) {
        return new org.crmsuite.analytics.event.AnalyticsEvent(id, "test.unknown.v1", "test", id, Instant.now(), 0, 0,
                JsonMapper.builder().build().readTree("{}"));
    }

    static Map<ReadModel, List<String>> snapshot(MongoReadModelStore store) {
        Map<ReadModel, List<String>> snapshot = new LinkedHashMap<>();
        for (ReadModel model : ReadModel.values()) {
            snapshot.put(model, store.rawJson(model));
        }
        return snapshot;
    }
}
