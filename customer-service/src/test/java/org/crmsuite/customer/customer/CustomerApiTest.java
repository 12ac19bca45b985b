package org.crmsuite.customer.customer;

import java.util.List;
import java.util.Map;

import org.crmsuite.platform.events.Topics;
import org.crmsuite.platform.test.EventProbe;
import org.crmsuite.platform.test.TestIssuer;
import org.crmsuite.platform.test.UseKafka;
import org.crmsuite.platform.test.UsePostgres;
import org.crmsuite.platform.test.UseTestIssuer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The customer API over HTTP with real PostgreSQL, Kafka and signed tokens. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@UsePostgres
@UseKafka
@UseTestIssuer
class CustomerApiTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient db;
    RestClient http;

    static final String REP = TestIssuer.get().token("rep", List.of("sales-rep"), List.of("/sales/east"));
    static final String REP_WEST = TestIssuer.get().token("rep.west", List.of("sales-rep"), List.of("/sales/west"));
    static final String STEWARD = TestIssuer.get().token("steward", List.of("data-steward"), List.of("/data-office"));

    @BeforeEach
    void client() {
        http = RestClient.builder().baseUrl("http://127.0.0.1:" + port)
                .defaultStatusHandler(status -> true, (request, response) -> { })
                .build();
    }

    @Test
    void invalidInputIsRefusedWithTheFieldsNamedAndNothingIsWritten() {
        long customersBefore = count("customer");
        long eventsBefore = count("outbox_event");

        ResponseEntity<Map> response = post(REP, Map.of("legalName", "  ", "uscc", "91330106MA27XYZ12X"));

        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody()).containsEntry("type", "urn:crm:problem:validation-failed");
        assertThat(fields(response)).contains("legalName");

        ResponseEntity<Map> badUscc = post(REP, Map.of("legalName", "杭州云栖科技有限公司", "uscc", "91330106MA27XYZ12X"));
        assertThat(badUscc.getStatusCode().value()).isEqualTo(400);
        assertThat(fields(badUscc)).containsExactly("uscc");

        ResponseEntity<Map> control = post(REP, Map.of("legalName", "Evil\u0000Corp"));
        assertThat(control.getStatusCode().value()).isEqualTo(400);
        assertThat(fields(control)).containsExactly("legalName");

        ResponseEntity<Map> badEnum = post(REP, Map.of("legalName", "Acme", "valueTier", "PLATINUM"));
        assertThat(badEnum.getStatusCode().value()).isEqualTo(400);
        assertThat(fields(badEnum)).containsExactly("valueTier");

        ResponseEntity<Map> notJson = http.post().uri("/api/v1/customers").header(HttpHeaders.AUTHORIZATION, "Bearer " + REP)
                .contentType(MediaType.APPLICATION_JSON).body("{\"legalName\": ").retrieve().toEntity(Map.class);
        assertThat(notJson.getStatusCode().value()).isEqualTo(400);
        assertThat(notJson.getBody()).containsEntry("type", "urn:crm:problem:malformed-request");

        assertThat(count("customer")).isEqualTo(customersBefore);
        assertThat(count("outbox_event")).isEqualTo(eventsBefore);
    }

    @Test
    void aRegisteredCustomerIsPublishedAsAnEventThatMatchesItsSchema() {
        String uscc = UnifiedSocialCreditCodeTest.withCheck("91330106MA27XY812");
        ResponseEntity<Map> created = post(REP, Map.of("legalName", "杭州云栖科技有限公司", "shortName", "云栖科技", "uscc", uscc));

        assertThat(created.getStatusCode().value()).isEqualTo(201);
        assertThat(created.getHeaders().getETag()).isEqualTo("\"0\"");
        assertThat(created.getBody()).containsEntry("ownerId", "rep").containsEntry("department", "/sales/east")
                .containsEntry("lifecycleStage", "PROSPECT").containsEntry("createdBy", "rep");
        String id = (String) created.getBody().get("id");

        try (EventProbe probe = EventProbe.onSharedKafka(Topics.CUSTOMER)) {
            var event = probe.awaitEvent("crm.customer.created.v1", id);
            assertThat(event.source()).isEqualTo("/customer-service");
            assertThat(event.text("legalName")).isEqualTo("杭州云栖科技有限公司");
            probe.assertAllMatchTheirSchemas();
        }

        ResponseEntity<Map> twin = post(REP, Map.of("legalName", "Another name", "uscc", uscc));
        assertThat(twin.getStatusCode().value()).isEqualTo(409);
    }

    @Test
    void createdAndUpdatedEventsCarryWhatErpAndFinanceNeedWithoutCallingBack() {
        Map<String, Object> facts = new java.util.LinkedHashMap<>(Map.of("legalName", "苏州青松精密机械有限公司", "industry", "机械制造",
                "province", "江苏省", "city", "苏州市", "district", "工业园区", "street", "星湖街 328 号", "phone", "0512-66881234",
                "email", "finance@qingsong-jm.cn", "website", "https://www.qingsong-jm.cn"));
        ResponseEntity<Map> created = post(REP, facts);
        assertThat(created.getStatusCode().value()).isEqualTo(201);
        assertThat(created.getBody()).doesNotContainKey("lastOrderAt"); // null before the first ERP order (nulls are omitted)
        String id = (String) created.getBody().get("id");

        facts.put("valueTier", "KEY");
        facts.put("street", "星湖街 330 号");
        ResponseEntity<Map> updated = http.put().uri("/api/v1/customers/" + id).header(HttpHeaders.AUTHORIZATION, "Bearer " + REP)
                .header(HttpHeaders.IF_MATCH, "\"0\"").contentType(MediaType.APPLICATION_JSON).body(facts).retrieve().toEntity(Map.class);
        assertThat(updated.getStatusCode().value()).as(String.valueOf(updated.getBody())).isEqualTo(200);

        try (EventProbe probe = EventProbe.onSharedKafka(Topics.CUSTOMER)) {
            var registered = probe.awaitEvent("crm.customer.created.v1", id);
            assertThat(registered.data().at("/registeredAddress/city").asString()).isEqualTo("苏州市");
            assertThat(registered.data().at("/registeredAddress/street").asString()).isEqualTo("星湖街 328 号");
            assertThat(registered.text("phone")).isEqualTo("+8651266881234");
            assertThat(registered.text("email")).isEqualTo("finance@qingsong-jm.cn");
            assertThat(registered.text("industry")).isEqualTo("机械制造");
            var changed = probe.awaitEvent("crm.customer.updated.v1", id);
            assertThat(changed.data().at("/current/valueTier").asString()).isEqualTo("KEY");
            assertThat(changed.data().at("/current/registeredAddress/street").asString()).isEqualTo("星湖街 330 号");
            assertThat(changed.data().at("/current/lifecycleStage").asString()).isEqualTo("PROSPECT");
            assertThat(changed.data().at("/current/ownerId").asString()).isEqualTo("rep");
            assertThat(changed.data().at("/current/department").asString()).isEqualTo("/sales/east");
            assertThat(changed.data().toString()).doesNotContain("contactName");
            probe.assertAllMatchTheirSchemas();
        }
    }

    @Test
    void recordLevelAccessFollowsOwnerAndDepartment() {
        ResponseEntity<Map> created = post(REP, Map.of("legalName", "Shenzhen Example Ltd."));
        String location = created.getHeaders().getLocation().toString();

        assertThat(get(REP, location).getStatusCode().value()).isEqualTo(200);
        assertThat(get(STEWARD, location).getStatusCode().value()).isEqualTo(200);
        ResponseEntity<Map> otherDepartment = get(REP_WEST, location);
        assertThat(otherDepartment.getStatusCode().value()).isEqualTo(403);
        assertThat(otherDepartment.getBody()).containsEntry("type", "urn:crm:problem:forbidden");

        ResponseEntity<Map> anonymous = http.get().uri(location).retrieve().toEntity(Map.class);
        assertThat(anonymous.getStatusCode().value()).isEqualTo(401);
        assertThat(anonymous.getBody()).containsEntry("type", "urn:crm:problem:unauthorized");

        ResponseEntity<Map> forged = get(TestIssuer.get().forgedToken("rep", List.of("sales-rep")), location);
        assertThat(forged.getStatusCode().value()).isEqualTo(401);

        Map<?, ?> westList = get(REP_WEST, "/api/v1/customers?size=200").getBody();
        assertThat((List<?>) westList.get("items")).noneMatch(item -> location.endsWith((String) ((Map<?, ?>) item).get("id")));
    }

    @Test
    void healthAndApiDocsAreOpen() {
        assertThat(http.get().uri("/actuator/health/readiness").retrieve().toEntity(String.class).getStatusCode().value()).isEqualTo(200);
        ResponseEntity<String> docs = http.get().uri("/v3/api-docs").retrieve().toEntity(String.class);
        assertThat(docs.getStatusCode().value()).isEqualTo(200);
        assertThat(docs.getBody()).contains("/api/v1/customers").contains("bearer");
    }

    private ResponseEntity<Map> post(String token, Map<String, Object> body) {
        return http.post().uri("/api/v1/customers").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toEntity(Map.class);
    }

    private ResponseEntity<Map> get(String token, String uri) {
        return http.get().uri(uri).header(HttpHeaders.AUTHORIZATION, "Bearer " + token).retrieve().toEntity(Map.class);
    }

    @SuppressWarnings("unchecked")
    private static List<String> fields(ResponseEntity<Map> problem) {
        return ((List<Map<String, String>>) problem.getBody().get("errors")).stream().map(e -> e.get("field")).toList();
    }

    private long count(String table) {
        return db.sql("SELECT count(*) FROM " + table).query(Long.class).single();
    }
}
