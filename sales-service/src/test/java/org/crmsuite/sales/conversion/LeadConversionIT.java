package org.crmsuite.sales.conversion;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.crmsuite.platform.events.Topics;
import org.crmsuite.platform.test.EventProbe;
import org.crmsuite.platform.test.TcpProxy;
import org.crmsuite.sales.ApiTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lead conversion end to end against the real customer-service running beside this test (a child JVM on the same
 * embedded PostgreSQL, Kafka and token issuer), reached through a {@link TcpProxy} the test can cut: a new customer,
 * a duplicate match, a retried conversion, and customer-service gone.
 */
class LeadConversionIT extends ApiTestSupport {

    static final CustomerServiceProcess CUSTOMER_SERVICE = new CustomerServiceProcess();
    static final TcpProxy PROXY = TcpProxy.to("127.0.0.1", CUSTOMER_SERVICE.port());
    static final String LEADS = "/api/v1/sales/leads";

    @DynamicPropertySource
    static void customerService(DynamicPropertyRegistry registry) {
        registry.add("crm.sales.customer-service.url", () -> "http://127.0.0.1:" + PROXY.port());
        registry.add("crm.sales.customer-service.read-timeout", () -> "15s");
    }

    @AfterAll
    static void stop() {
        PROXY.close();
        CUSTOMER_SERVICE.close();
    }

    final RestClient customers = RestClient.builder().baseUrl(CUSTOMER_SERVICE.baseUrl())
            .defaultStatusHandler(status -> true, (request, response) -> { }).build();

    /** A NEW → CONTACTED → QUALIFIED lead of {@code company}; answers its id and ETag. */
    String[] qualifiedLead(String company) {
        ResponseEntity<Map> created = post(REP, LEADS, Map.of("company", company, "contactName", "王芳", "contactPhone", "+86 138 0000 0000",
                "source", "TRADE_SHOW", "score", 70));
        String id = (String) created.getBody().get("id");
        ResponseEntity<Map> contacted = put(REP, LEADS + "/" + id + "/status", Map.of("status", "CONTACTED"), etag(created));
        ResponseEntity<Map> qualified = put(REP, LEADS + "/" + id + "/status", Map.of("status", "QUALIFIED"), etag(contacted));
        assertThat(qualified.getStatusCode().value()).isEqualTo(200);
        return new String[] {id, etag(qualified)};
    }

    Map<?, ?> customer(String id) {
        return customers.get().uri("/api/v1/customers/" + id).header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN).retrieve().body(Map.class);
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> customersNamed(String name) {
        Map<String, Object> page = customers.get().uri(b -> b.path("/api/v1/customers").queryParam("q", name).queryParam("size", 50).build())
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN).retrieve().body(Map.class);
        return ((List<Map<String, Object>>) page.get("items")).stream().filter(c -> name.equals(c.get("legalName"))).toList();
    }

    static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8).replaceAll("[0-9]", "") + "有限公司";
    }

    @Test
    void aLeadOfANewCompanyBecomesANewCustomerAndADeal() {
        String company = unique("苏州精密机械");
        String[] lead = qualifiedLead(company);

        ResponseEntity<Map> converted = post(REP, LEADS + "/" + lead[0] + "/conversion",
                Map.of("customer", Map.of("province", "江苏省", "city", "苏州市"),
                        "opportunity", Map.of("name", "MES 一期", "amount", "120000.00", "currency", "CNY")), lead[1]);

        assertThat(converted.getStatusCode().value()).isEqualTo(201);
        Map<?, ?> body = converted.getBody();
        assertThat(body.get("status")).isEqualTo("CONVERTED");
        assertThat(body.get("customerCreated")).isEqualTo(true);
        String customerId = (String) body.get("customerId");
        String opportunityId = (String) body.get("opportunityId");
        Map<?, ?> customer = customer(customerId);
        assertThat(customer.get("legalName")).isEqualTo(company);
        assertThat(customer.get("ownerId")).isEqualTo("rep");
        assertThat(customer.get("city")).isEqualTo("苏州市");
        ResponseEntity<Map> deal = get(REP, "/api/v1/sales/opportunities/" + opportunityId);
        assertThat(deal.getBody().get("customerId")).isEqualTo(customerId);
        assertThat(deal.getBody().get("amount")).isEqualTo("120000.00");
        assertThat(get(REP, LEADS + "/" + lead[0]).getBody().get("status")).isEqualTo("CONVERTED");

        try (EventProbe probe = EventProbe.onSharedKafka(Topics.SALES, Topics.CUSTOMER)) {
            var event = probe.awaitEvent("crm.lead.converted.v1", lead[0]);
            assertThat(event.text("customerId")).isEqualTo(customerId);
            assertThat(event.text("opportunityId")).isEqualTo(opportunityId);
            assertThat(event.text("customerCreated")).isEqualTo("true");
            assertThat(event.data().toString()).doesNotContain("138 0000");
            probe.awaitEvent("crm.customer.created.v1", customerId);
            probe.awaitEvent("crm.opportunity.created.v1", opportunityId);
            probe.assertAllMatchTheirSchemas();
        }
    }

    @Test
    void aLeadOfAKnownCompanyIsLinkedToItInsteadOfMakingATwin() {
        String company = unique("杭州云栖科技");
        ResponseEntity<Map> existing = customers.post().uri("/api/v1/customers").header(HttpHeaders.AUTHORIZATION, "Bearer " + MANAGER)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("legalName", company, "province", "浙江省", "city", "杭州市"))
                .retrieve().toEntity(Map.class);
        assertThat(existing.getStatusCode().value()).isEqualTo(201);
        String existingId = (String) existing.getBody().get("id");
        String[] lead = qualifiedLead(company);

        ResponseEntity<Map> converted = post(REP, LEADS + "/" + lead[0] + "/conversion", null, lead[1]);

        assertThat(converted.getStatusCode().value()).isEqualTo(201);
        assertThat(converted.getBody().get("customerId")).isEqualTo(existingId);
        assertThat(converted.getBody().get("customerCreated")).isEqualTo(false);
        assertThat(((Map<?, ?>) converted.getBody().get("matched")).get("code")).isEqualTo(existing.getBody().get("code"));
        assertThat(customersNamed(company)).hasSize(1);
        try (EventProbe probe = EventProbe.onSharedKafka(Topics.SALES)) {
            assertThat(probe.awaitEvent("crm.lead.converted.v1", lead[0]).text("customerCreated")).isEqualTo("false");
        }
    }

    @Test
    void aRetriedConversionMakesNoSecondCustomerAndNoSecondDeal() {
        String company = unique("宁波港联物流");
        String[] lead = qualifiedLead(company);
        // The first attempt registers the customer, then fails locally (the deal breaks the proposal stage's rules).
        ResponseEntity<Map> failed = post(REP, LEADS + "/" + lead[0] + "/conversion", Map.of("opportunity", Map.of("stage", "proposal")), lead[1]);
        assertThat(failed.getStatusCode().value()).isEqualTo(422);
        assertThat(get(REP, LEADS + "/" + lead[0]).getBody().get("status")).isEqualTo("QUALIFIED");

        ResponseEntity<Map> first = post(REP, LEADS + "/" + lead[0] + "/conversion", null, lead[1]);
        ResponseEntity<Map> again = post(REP, LEADS + "/" + lead[0] + "/conversion", null, lead[1]);
        ResponseEntity<Map> withoutVersion = post(REP, LEADS + "/" + lead[0] + "/conversion", null, null);

        assertThat(first.getStatusCode().value()).isEqualTo(201);
        assertThat(again.getStatusCode().value()).isEqualTo(200);
        assertThat(withoutVersion.getStatusCode().value()).isEqualTo(200);
        assertThat(again.getBody().get("customerId")).isEqualTo(first.getBody().get("customerId"));
        assertThat(again.getBody().get("opportunityId")).isEqualTo(first.getBody().get("opportunityId"));
        assertThat(customersNamed(company)).hasSize(1);
        assertThat(db.sql("SELECT count(*) FROM opportunity WHERE customer_id = :id")
                .param("id", UUID.fromString((String) first.getBody().get("customerId"))).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void customerServiceDownIsAClearProblemAndTheLeadStaysAsItWas() {
        String[] lead = qualifiedLead(unique("无锡华光电子"));
        long opportunities = count("opportunity");
        PROXY.cut();
        ResponseEntity<Map> refused;
        try {
            refused = post(REP, LEADS + "/" + lead[0] + "/conversion", null, lead[1]);
        } finally {
            PROXY.restore();
        }

        assertThat(refused.getStatusCode().value()).isEqualTo(503);
        assertThat(refused.getBody().get("type")).isEqualTo("urn:crm:problem:service-unavailable");
        assertThat((String) refused.getBody().get("detail")).contains("customer-service").contains("lead is unchanged");
        ResponseEntity<Map> after = get(REP, LEADS + "/" + lead[0]);
        assertThat(after.getBody().get("status")).isEqualTo("QUALIFIED");
        assertThat(etag(after)).isEqualTo(lead[1]);
        assertThat(count("opportunity")).isEqualTo(opportunities);

        ResponseEntity<Map> later = post(REP, LEADS + "/" + lead[0] + "/conversion", null, lead[1]);
        assertThat(later.getStatusCode().value()).isEqualTo(201);
    }
}
