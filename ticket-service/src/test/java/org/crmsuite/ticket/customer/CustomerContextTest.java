package org.crmsuite.ticket.customer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.crmsuite.platform.events.CloudEventHeaders;
import org.crmsuite.platform.events.Topics;
import org.crmsuite.platform.test.TestIssuer;
import org.crmsuite.ticket.TicketServiceTest;
import org.crmsuite.ticket.ticket.TicketStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.web.client.RestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The customer of a new ticket is checked with customer-service (the caller's token passed on), the local snapshot
 * answers when customer-service cannot, and tickets follow a merged customer to its survivor.
 */
@TicketServiceTest
class CustomerContextTest {

    static final String AGENT = TestIssuer.get().token("agent.cc", List.of("service-agent"), List.of("/service/tier-1"));

    @LocalServerPort
    int port;
    @Autowired
    WireMockServer customerService;
    @Autowired
    CustomerServiceClient client;
    @Autowired
    CustomerSnapshots snapshots;
    @Autowired
    KafkaTemplate<String, String> kafka;
    @Autowired
    MongoTemplate mongo;
    RestClient http;

    @BeforeEach
    void setUp() {
        http = RestClient.builder().baseUrl("http://127.0.0.1:" + port).defaultStatusHandler(status -> true, (request, response) -> { }).build();
    }

    @AfterEach
    void healCustomerService() {
        for (StubMapping stub : customerService.getStubMappings()) {
            if (stub.getPriority() == null || stub.getPriority() < 10) {
                customerService.removeStub(stub);
            }
        }
        client.circuitBreaker().reset();
    }

    @Test
    void theCustomersTierComesFromCustomerServiceWithTheCallersTokenAndSetsTheSla() {
        String id = UUID.randomUUID().toString();
        customer(id, 200, "{\"legalName\":\"Shanghai Strategic Ltd.\",\"valueTier\":\"STRATEGIC\",\"status\":\"ACTIVE\",\"lifecycleStage\":\"ACTIVE\"}");

        ResponseEntity<Map> opened = open(id);

        assertThat(opened.getStatusCode().value()).isEqualTo(201);
        assertThat(opened.getBody()).containsEntry("customerTier", "STRATEGIC").containsEntry("customerName", "Shanghai Strategic Ltd.");
        assertThat((Map<String, Object>) opened.getBody().get("sla")).containsEntry("policy", "P1/STRATEGIC");
        customerService.verify(getRequestedFor(urlEqualTo("/api/v1/customers/" + id)).withHeader(HttpHeaders.AUTHORIZATION, equalTo("Bearer " + AGENT)));
    }

    @Test
    void anUnknownCustomerIsRefusedNamingItAndNothingIsWritten() {
        String id = UUID.randomUUID().toString();
        customer(id, 404, "{\"type\":\"urn:crm:problem:not-found\"}");
        long before = mongo.count(new Query(), TicketStore.COLLECTION);

        ResponseEntity<Map> refused = open(id);

        assertThat(refused.getStatusCode().value()).isEqualTo(422);
        assertThat(refused.getBody()).containsEntry("type", "urn:crm:problem:business-rule-violated").containsEntry("customerId", id);
        assertThat((String) refused.getBody().get("detail")).contains(id);
        assertThat(mongo.count(new Query(), TicketStore.COLLECTION)).isEqualTo(before);
    }

    @Test
    void whenCustomerServiceIsDownOrSlowTheSnapshotAnswers() {
        String id = UUID.randomUUID().toString();
        publish(id, "crm.customer.created.v1", Map.of("customerId", id, "code", "C-000777", "legalName", "北京快照科技有限公司",
                "valueTier", "KEY", "lifecycleStage", "ACTIVE", "status", "ACTIVE", "ownerId", "rep", "createdAt", "2026-11-01T00:00:00Z",
                "someFutureField", "ignored"));
        await().atMost(Duration.ofSeconds(30)).until(() -> snapshots.find(id).isPresent());

        customerService.stubFor(get(urlEqualTo("/api/v1/customers/" + id)).atPriority(1)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        ResponseEntity<Map> whileDown = open(id);
        assertThat(whileDown.getStatusCode().value()).isEqualTo(201);
        assertThat(whileDown.getBody()).containsEntry("customerTier", "KEY").containsEntry("customerName", "北京快照科技有限公司");

        customer(id, 200, "{}");
        customerService.stubFor(get(urlEqualTo("/api/v1/customers/" + id)).atPriority(1)
                .willReturn(aResponse().withStatus(200).withFixedDelay(4_000).withBody("{}")));
        ResponseEntity<Map> whileSlow = open(id);
        assertThat(whileSlow.getStatusCode().value()).isEqualTo(201);
        assertThat(whileSlow.getBody()).containsEntry("customerTier", "KEY");
    }

    @Test
    void aCustomerTheCallerMayNotReadInCustomerServiceIsTakenFromTheSnapshotWithoutOpeningTheCircuit() {
        String known = UUID.randomUUID().toString();
        publish(known, "crm.customer.created.v1", Map.of("customerId", known, "legalName", "广州销售部客户有限公司",
                "valueTier", "STRATEGIC", "lifecycleStage", "ACTIVE", "status", "ACTIVE"));
        await().atMost(Duration.ofSeconds(30)).until(() -> snapshots.find(known).isPresent());
        customer(known, 403, "{\"type\":\"urn:crm:problem:forbidden\"}");

        for (int i = 0; i < 6; i++) {
            ResponseEntity<Map> opened = open(known);
            assertThat(opened.getStatusCode().value()).isEqualTo(201);
            assertThat(opened.getBody()).containsEntry("customerTier", "STRATEGIC");
        }
        assertThat(client.circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);

        String unknownToTheSnapshot = UUID.randomUUID().toString();
        customer(unknownToTheSnapshot, 403, "{}");
        ResponseEntity<Map> refused = open(unknownToTheSnapshot);
        assertThat(refused.getStatusCode().value()).isEqualTo(422);
        assertThat(refused.getBody()).containsEntry("customerId", unknownToTheSnapshot);
    }

    @Test
    void withNeitherCustomerServiceNorASnapshotTheAnswerIsA503NamingTheCustomer() {
        String id = UUID.randomUUID().toString();
        customerService.stubFor(get(urlEqualTo("/api/v1/customers/" + id)).atPriority(1).willReturn(aResponse().withStatus(500)));

        ResponseEntity<Map> refused = open(id);

        assertThat(refused.getStatusCode().value()).isEqualTo(503);
        assertThat(refused.getBody()).containsEntry("type", "urn:crm:problem:service-unavailable").containsEntry("customerId", id);
        assertThat((String) refused.getBody().get("detail")).contains(id);
    }

    @Test
    void repeatedFailuresOpenTheCircuitSoCallsStopReachingCustomerService() {
        String id = UUID.randomUUID().toString();
        customerService.stubFor(get(urlEqualTo("/api/v1/customers/" + id)).atPriority(1)
                .willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));
        for (int i = 0; i < 6; i++) {
            assertThat(open(id).getStatusCode().value()).isEqualTo(503);
        }
        assertThat(client.circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);
        int calls = customerService.findAll(getRequestedFor(urlEqualTo("/api/v1/customers/" + id))).size();
        assertThat(open(id).getStatusCode().value()).isEqualTo(503);
        assertThat(customerService.findAll(getRequestedFor(urlEqualTo("/api/v1/customers/" + id)))).hasSize(calls);
    }

    @Test
    void ticketsOfAMergedCustomerMoveToTheSurvivorOnceAndTheLoserTakesNoNewTickets() {
        String loser = UUID.randomUUID().toString();
        String survivor = UUID.randomUUID().toString();
        String first = (String) open(loser).getBody().get("id");
        String second = (String) open(loser).getBody().get("id");
        String eventId = UUID.randomUUID().toString();

        publish(eventId, loser, "crm.customer.merged.v1", Map.of("survivorId", survivor, "loserId", loser, "mergedBy", "steward"));
        await().atMost(Duration.ofSeconds(30)).until(() -> mongo.count(Query.query(Criteria.where("customerId").is(survivor)), TicketStore.COLLECTION) == 2);
        Map<String, Object> moved = ticket(first);
        assertThat((List<Map<String, Object>>) moved.get("history")).anySatisfy(h -> {
            assertThat(h).containsEntry("field", "customerId").containsEntry("from", loser).containsEntry("to", survivor);
        });
        long version = ((Number) moved.get("version")).longValue();

        publish(eventId, loser, "crm.customer.merged.v1", Map.of("survivorId", survivor, "loserId", loser)); // redelivered
        publish(UUID.randomUUID().toString(), loser, "crm.customer.unheard-of.v7", Map.of("anything", 1)); // unknown type
        String marker = UUID.randomUUID().toString();
        publish(marker, "crm.customer.created.v1", Map.of("customerId", marker, "legalName", "Marker", "valueTier", "STANDARD", "status", "ACTIVE"));
        await().atMost(Duration.ofSeconds(30)).until(() -> snapshots.find(marker).isPresent());
        assertThat(((Number) ticket(first).get("version")).longValue()).isEqualTo(version);
        assertThat(ticket(second)).containsEntry("customerId", survivor);

        customerService.stubFor(get(urlEqualTo("/api/v1/customers/" + loser)).atPriority(1).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        ResponseEntity<Map> forLoser = open(loser);
        assertThat(forLoser.getStatusCode().value()).isEqualTo(422);
        assertThat(forLoser.getBody()).containsEntry("survivorId", survivor);
    }

    @Test
    void theCustomerContextShowsTierStageAndOpenTicketsAlsoWhileCustomerServiceIsDown() {
        String id = UUID.randomUUID().toString();
        customer(id, 200, "{\"legalName\":\"深圳示例有限公司\",\"valueTier\":\"KEY\",\"lifecycleStage\":\"AT_RISK\",\"status\":\"ACTIVE\"}");
        open(id);
        open(id);

        Map<String, Object> context = http.get().uri("/api/v1/tickets/customers/" + id).header(HttpHeaders.AUTHORIZATION, "Bearer " + AGENT)
                .retrieve().body(Map.class);
        assertThat(context).containsEntry("tier", "KEY").containsEntry("lifecycleStage", "AT_RISK").containsEntry("openTickets", 2);

        customerService.stubFor(get(urlEqualTo("/api/v1/customers/" + id)).atPriority(1).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        ResponseEntity<Map> whileDown = http.get().uri("/api/v1/tickets/customers/" + id).header(HttpHeaders.AUTHORIZATION, "Bearer " + AGENT)
                .retrieve().toEntity(Map.class);
        assertThat(whileDown.getStatusCode().value()).isEqualTo(200);
        assertThat(whileDown.getBody()).containsEntry("openTickets", 2).doesNotContainKey("tier");
    }

    @Test
    void anUndoneMergeMovesTheTicketsBackAndUpdatesReachTheSnapshotInTheShapeCustomerServiceSends() {
        String loser = UUID.randomUUID().toString();
        String survivor = UUID.randomUUID().toString();
        String moved = (String) open(loser).getBody().get("id");
        String own = (String) open(survivor).getBody().get("id");
        publish(loser, "crm.customer.merged.v1", Map.of("mergeId", UUID.randomUUID().toString(), "survivorId", survivor, "loserId", loser));
        await().atMost(Duration.ofSeconds(30)).until(() -> survivor.equals(ticket(moved).get("customerId")));

        publish(loser, "crm.customer.merge-undone.v1", Map.of("survivorId", survivor, "loserId", loser, "undoneBy", "steward"));
        publish(survivor, "crm.customer.updated.v1", Map.of("customerId", survivor, "changedFields", List.of("valueTier", "legalName"),
                "changes", Map.of("valueTier", "STRATEGIC", "legalName", "广州幸存者有限公司")));
        publish(survivor, "crm.customer.lifecycle-stage-changed.v1", Map.of("customerId", survivor, "fromStage", "ACTIVE", "toStage", "AT_RISK"));

        await().atMost(Duration.ofSeconds(30)).until(() -> loser.equals(ticket(moved).get("customerId")));
        await().atMost(Duration.ofSeconds(30)).until(() -> snapshots.find(survivor).map(c -> "AT_RISK".equals(c.lifecycleStage())).orElse(false));
        assertThat(ticket(own)).containsEntry("customerId", survivor);
        assertThat(snapshots.find(survivor)).hasValueSatisfying(c -> {
            assertThat(c.tier()).isEqualTo("STRATEGIC");
            assertThat(c.name()).isEqualTo("广州幸存者有限公司");
        });
        assertThat(snapshots.find(loser)).hasValueSatisfying(c -> assertThat(c.active()).isTrue());
    }

    @Test
    void anOlderCustomerEventNeverOverwritesANewerSnapshot() {
        String id = UUID.randomUUID().toString();
        Instant now = Instant.parse("2026-11-20T08:00:00Z");
        snapshots.apply(id, now, new org.bson.Document("name", "New name").append("tier", "KEY").append("status", "ACTIVE"));
        snapshots.apply(id, now.minusSeconds(60), new org.bson.Document("name", "Old name").append("tier", "SMALL"));
        snapshots.apply(id, now, new org.bson.Document("tier", "SMALL")); // the same event again
        snapshots.apply(id, now.plusSeconds(60), new org.bson.Document("tier", "STRATEGIC").append("name", null));

        assertThat(snapshots.find(id)).hasValueSatisfying(c -> {
            assertThat(c.name()).isEqualTo("New name");
            assertThat(c.tier()).isEqualTo("STRATEGIC");
        });
    }

    void customer(String id, int status, String body) {
        customerService.stubFor(get(urlEqualTo("/api/v1/customers/" + id)).atPriority(1)
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body)));
    }

    void publish(String customerId, String type, Map<String, Object> payload) {
        publish(UUID.randomUUID().toString(), customerId, type, payload);
    }

    void publish(String eventId, String customerId, String type, Map<String, Object> payload) {
        String json = tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(payload);
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.CUSTOMER, customerId, json);
        record.headers().add(CloudEventHeaders.ID, eventId.getBytes(StandardCharsets.UTF_8));
        record.headers().add(CloudEventHeaders.TYPE, type.getBytes(StandardCharsets.UTF_8));
        record.headers().add(CloudEventHeaders.SOURCE, "/customer-service".getBytes(StandardCharsets.UTF_8));
        record.headers().add(CloudEventHeaders.SUBJECT, customerId.getBytes(StandardCharsets.UTF_8));
        record.headers().add(CloudEventHeaders.TIME, Instant.now().toString().getBytes(StandardCharsets.UTF_8));
        kafka.send(record).join();
    }

    ResponseEntity<Map> open(String customerId) {
        return http.post().uri("/api/v1/tickets").header(HttpHeaders.AUTHORIZATION, "Bearer " + AGENT).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("customerId", customerId, "channel", "WEB", "type", "REQUEST", "priority", "P1", "subject", "开通新账号"))
                .retrieve().toEntity(Map.class);
    }

    Map<String, Object> ticket(String id) {
        return http.get().uri("/api/v1/tickets/" + id).header(HttpHeaders.AUTHORIZATION, "Bearer " + AGENT).retrieve().body(Map.class);
    }
}
