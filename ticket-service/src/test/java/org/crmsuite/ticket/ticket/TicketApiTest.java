package org.crmsuite.ticket.ticket;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.crmsuite.platform.events.InboundEvent;
import org.crmsuite.platform.events.Topics;
import org.crmsuite.platform.test.EventProbe;
import org.crmsuite.platform.test.TestIssuer;
import org.crmsuite.ticket.MutableClock;
import org.crmsuite.ticket.TicketServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The ticket API over HTTP with the MongoDB wire server, Kafka and signed tokens. */
@TicketServiceTest
class TicketApiTest {

    static final String AGENT = TestIssuer.get().token("agent.li", List.of("service-agent"), List.of("/service/tier-1"));
    static final String AGENT_TIER2 = TestIssuer.get().token("agent.wang", List.of("service-agent"), List.of("/service/tier-2"));
    static final String MANAGER = TestIssuer.get().token("service.manager", List.of("service-manager"), List.of("/service"));
    static final String REP = TestIssuer.get().token("rep", List.of("sales-rep"), List.of("/sales/east"));

    @LocalServerPort
    int port;
    @Autowired
    MutableClock clock;
    RestClient http;

    @BeforeEach
    void client() {
        http = RestClient.builder().baseUrl("http://127.0.0.1:" + port)
                .defaultStatusHandler(status -> true, (request, response) -> { }).build();
    }

    @Test
    void aTicketGoesThroughItsWholeFlowWithHistoryAndEventsThatMatchTheirSchemas() {
        String customerId = UUID.randomUUID().toString();
        ResponseEntity<Map> opened = open(AGENT, customerId, "P2");
        assertThat(opened.getStatusCode().value()).isEqualTo(201);
        assertThat(opened.getHeaders().getETag()).isEqualTo("\"0\"");
        Map<String, Object> ticket = opened.getBody();
        assertThat((String) ticket.get("number")).matches("T-2026-\\d{6}");
        assertThat(ticket).containsEntry("status", "NEW").containsEntry("queue", "tier-1")
                .containsEntry("department", "/service/tier-1").containsEntry("createdBy", "agent.li");
        String id = (String) ticket.get("id");
        String location = opened.getHeaders().getLocation().toString();

        ResponseEntity<Map> assigned = post(MANAGER, location + "/assignment", "\"0\"", Map.of("assignee", "agent.li"));
        assertThat(assigned.getStatusCode().value()).isEqualTo(200);
        assertThat(assigned.getBody()).containsEntry("status", "ASSIGNED").containsEntry("assignee", "agent.li");
        String etag = assigned.getHeaders().getETag();

        etag = moveTo(AGENT, location, etag, "IN_PROGRESS", null);
        ResponseEntity<Map> publicComment = post(AGENT, location + "/comments", null, Map.of("body", "您好，我们正在处理。"));
        assertThat(publicComment.getStatusCode().value()).isEqualTo(201);
        assertThat(post(AGENT, location + "/comments", null, Map.of("body", "internal note: check the invoice run", "internal", true))
                .getStatusCode().value()).isEqualTo(201);
        etag = get(AGENT, location).getHeaders().getETag();
        etag = moveTo(AGENT, location, etag, "WAITING_ON_CUSTOMER", "asked for the contract number");
        etag = moveTo(AGENT, location, etag, "IN_PROGRESS", null);
        etag = moveTo(AGENT, location, etag, "RESOLVED", "re-issued the invoice");
        etag = moveTo(AGENT, location, etag, "REOPENED", "customer says the amount is still wrong");
        etag = moveTo(AGENT, location, etag, "RESOLVED", "corrected the amount");
        etag = moveTo(AGENT, location, etag, "CLOSED", null);

        Map<String, Object> closed = get(AGENT, location).getBody();
        assertThat(closed).containsEntry("status", "CLOSED").containsEntry("reopenCount", 1)
                .containsEntry("resolution", "corrected the amount");
        assertThat(closed.get("firstRespondedAt")).isNotNull();
        List<Map<String, Object>> history = (List<Map<String, Object>>) closed.get("history");
        assertThat(history).extracting(h -> h.get("field") + ":" + h.get("to")).contains("status:NEW", "assignee:agent.li",
                "status:ASSIGNED", "status:IN_PROGRESS", "status:WAITING_ON_CUSTOMER", "status:RESOLVED", "status:REOPENED", "status:CLOSED");
        assertThat(history).allSatisfy(h -> assertThat(h.get("by")).isNotNull());

        try (EventProbe probe = EventProbe.onSharedKafka(Topics.TICKET)) {
            probe.awaitEvent("crm.ticket.closed.v1", id);
            List<InboundEvent> mine = probe.events().stream().filter(e -> id.equals(e.subject())).toList();
            assertThat(mine).extracting(InboundEvent::type).containsSubsequence("crm.ticket.opened.v1", "crm.ticket.assigned.v1",
                    "crm.ticket.commented.v1", "crm.ticket.resolved.v1", "crm.ticket.reopened.v1", "crm.ticket.resolved.v1",
                    "crm.ticket.closed.v1");
            assertThat(mine).filteredOn(e -> e.type().equals("crm.ticket.commented.v1")).singleElement()
                    .satisfies(e -> assertThat(e.text("body")).isEqualTo("您好，我们正在处理。"));
            assertThat(mine).filteredOn(e -> e.type().equals("crm.ticket.status-changed.v1")).extracting(e -> e.text("to"))
                    .containsExactly("ASSIGNED", "IN_PROGRESS", "WAITING_ON_CUSTOMER", "IN_PROGRESS", "RESOLVED", "REOPENED", "RESOLVED", "CLOSED");
            assertThat(mine).extracting(InboundEvent::source).containsOnly("/ticket-service");
            probe.assertAllMatchTheirSchemas();
        }
    }

    @Test
    void illegalTransitionsAreRefusedNamingFromAndTo() {
        String location = open(AGENT, UUID.randomUUID().toString(), "P3").getHeaders().getLocation().toString();

        ResponseEntity<Map> refused = post(AGENT, location + "/status", "\"0\"", Map.of("status", "RESOLVED", "reason", "done"));

        assertThat(refused.getStatusCode().value()).isEqualTo(422);
        assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(refused.getBody()).containsEntry("type", "urn:crm:problem:business-rule-violated")
                .containsEntry("from", "NEW").containsEntry("to", "RESOLVED").containsEntry("allowed", List.of("ASSIGNED"));
        assertThat((String) refused.getBody().get("detail")).contains("NEW").contains("RESOLVED");
        assertThat(fields(refused)).containsExactly("status");
        assertThat(get(AGENT, location).getHeaders().getETag()).isEqualTo("\"0\"");
    }

    @Test
    void changesNeedTheCurrentVersion() {
        String location = open(AGENT, UUID.randomUUID().toString(), "P3").getHeaders().getLocation().toString();

        ResponseEntity<Map> missing = http.patch().uri(location).header(HttpHeaders.AUTHORIZATION, "Bearer " + AGENT)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("priority", "P1")).retrieve().toEntity(Map.class);
        assertThat(missing.getStatusCode().value()).isEqualTo(428);
        assertThat(missing.getBody()).containsEntry("type", "urn:crm:problem:version-required");

        ResponseEntity<Map> edited = patch(AGENT, location, "\"0\"", Map.of("priority", "P1", "category", "billing"));
        assertThat(edited.getStatusCode().value()).isEqualTo(200);
        assertThat(edited.getHeaders().getETag()).isEqualTo("\"1\"");
        assertThat(edited.getBody()).containsEntry("priority", "P1");

        ResponseEntity<Map> stale = patch(AGENT, location, "\"0\"", Map.of("priority", "P4"));
        assertThat(stale.getStatusCode().value()).isEqualTo(412);
        assertThat(stale.getBody()).containsEntry("type", "urn:crm:problem:stale-version").containsEntry("currentVersion", 1);
        assertThat(get(AGENT, location).getBody()).containsEntry("priority", "P1");
    }

    @Test
    void commentsAreSizeLimitedAndInvalidInputWritesNothing() {
        String location = open(AGENT, UUID.randomUUID().toString(), "P3").getHeaders().getLocation().toString();

        ResponseEntity<Map> oversized = post(AGENT, location + "/comments", null, Map.of("body", "长".repeat(Comment.MAX_LENGTH + 1)));
        assertThat(oversized.getStatusCode().value()).isEqualTo(400);
        assertThat(oversized.getBody()).containsEntry("type", "urn:crm:problem:validation-failed");
        assertThat(fields(oversized)).containsExactly("body");

        ResponseEntity<Map> bigFile = post(AGENT, location + "/attachments", null, Map.of("fileName", "dump.bin",
                "contentType", "application/octet-stream", "sizeBytes", Attachment.MAX_BYTES + 1, "storageUri", "s3://b/dump.bin"));
        assertThat(bigFile.getStatusCode().value()).isEqualTo(400);
        assertThat(fields(bigFile)).containsExactly("sizeBytes");

        ResponseEntity<Map> file = post(AGENT, location + "/attachments", null, Map.of("fileName", "发票截图.png",
                "contentType", "image/png", "sizeBytes", 183_204, "storageUri", "s3://crm-attachments/2026/11/7f3c.png"));
        assertThat(file.getStatusCode().value()).isEqualTo(201);

        ResponseEntity<Map> badOpen = http.post().uri("/api/v1/tickets").header(HttpHeaders.AUTHORIZATION, "Bearer " + AGENT)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("customerId", "c", "channel", "FAX", "type", "INCIDENT",
                        "priority", "P9", "subject", " ")).retrieve().toEntity(Map.class);
        assertThat(badOpen.getStatusCode().value()).isEqualTo(400);

        ResponseEntity<Map> unknownQueue = http.post().uri("/api/v1/tickets").header(HttpHeaders.AUTHORIZATION, "Bearer " + AGENT)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("customerId", "c", "channel", "PHONE", "type", "INCIDENT",
                        "priority", "P3", "subject", "x", "queue", "nowhere")).retrieve().toEntity(Map.class);
        assertThat(unknownQueue.getStatusCode().value()).isEqualTo(400);
        assertThat(fields(unknownQueue)).containsExactly("queue");

        Map<String, Object> ticket = get(AGENT, location).getBody();
        assertThat((List<?>) ticket.get("comments")).isEmpty();
        assertThat((List<?>) ticket.get("attachments")).hasSize(1);
    }

    @Test
    void agentsSeeTheirQueuesTicketsManagersTheirDepartmentsAndOnlyManagersReassign() {
        String location = open(AGENT, UUID.randomUUID().toString(), "P3").getHeaders().getLocation().toString();

        assertThat(get(AGENT_TIER2, location).getStatusCode().value()).isEqualTo(403);
        assertThat(get(MANAGER, location).getStatusCode().value()).isEqualTo(200);
        assertThat(get(REP, location).getStatusCode().value()).isEqualTo(403);
        assertThat(http.post().uri("/api/v1/tickets").header(HttpHeaders.AUTHORIZATION, "Bearer " + REP)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("customerId", "c", "channel", "PHONE", "type", "INCIDENT",
                        "priority", "P3", "subject", "x")).retrieve().toBodilessEntity().getStatusCode().value()).isEqualTo(403);

        ResponseEntity<Map> agentReassigns = post(AGENT, location + "/assignment", "\"0\"", Map.of("queue", "tier-2", "assignee", "agent.wang"));
        assertThat(agentReassigns.getStatusCode().value()).isEqualTo(403);
        ResponseEntity<Map> takes = post(AGENT, location + "/assignment", "\"0\"", Map.of("assignee", "agent.li"));
        assertThat(takes.getStatusCode().value()).isEqualTo(200);
        ResponseEntity<Map> moved = post(MANAGER, location + "/assignment", "\"1\"", Map.of("queue", "tier-2", "assignee", "agent.wang"));
        assertThat(moved.getStatusCode().value()).isEqualTo(200);
        assertThat(moved.getBody()).containsEntry("department", "/service/tier-2");
        assertThat(get(AGENT_TIER2, location).getStatusCode().value()).isEqualTo(200);

        Map<String, Object> page = http.get().uri("/api/v1/tickets?size=200").header(HttpHeaders.AUTHORIZATION, "Bearer " + AGENT_TIER2)
                .retrieve().body(Map.class);
        assertThat((List<Map<String, Object>>) page.get("items")).extracting(t -> t.get("queue")).containsOnly("tier-2");
        ResponseEntity<Map> badSort = http.get().uri("/api/v1/tickets?sort=description").header(HttpHeaders.AUTHORIZATION, "Bearer " + AGENT)
                .retrieve().toEntity(Map.class);
        assertThat(badSort.getStatusCode().value()).isEqualTo(400);
    }

    @Test
    void aPageIsReadWithoutCountingUnlessAskedAndItsTotalsNeverOverstate() {
        String customerId = UUID.randomUUID().toString();
        for (int i = 0; i < 5; i++) {
            assertThat(open(AGENT, customerId, "P3").getStatusCode().value()).isEqualTo(201);
        }
        String list = "/api/v1/tickets?customerId=" + customerId + "&size=2";

        // Not the last page: a lower bound one item beyond it, so "page < totalPages - 1" still says a next page exists.
        Map<String, Object> first = page(list + "&page=0");
        assertThat((List<?>) first.get("items")).hasSize(2);
        assertThat(first).containsEntry("totalItems", 3).containsEntry("totalPages", 2);
        Map<String, Object> second = page(list + "&page=1");
        assertThat(second).containsEntry("totalItems", 5).containsEntry("totalPages", 3);
        // The last page knows: exact.
        Map<String, Object> last = page(list + "&page=2");
        assertThat((List<?>) last.get("items")).hasSize(1);
        assertThat(last).containsEntry("totalItems", 5).containsEntry("totalPages", 3);
        // Paged past the end: counted, so the totals stay true.
        Map<String, Object> beyond = page(list + "&page=7");
        assertThat(beyond).containsEntry("totalItems", 5).containsEntry("totalPages", 3);
        assertThat((List<?>) beyond.get("items")).isEmpty();
        // count=true: exact on every page.
        assertThat(page(list + "&page=0&count=true")).containsEntry("totalItems", 5).containsEntry("totalPages", 3);

        // Every ticket once over the pages, newest first, as summaries (no comments or history read for a list).
        List<Map<String, Object>> all = new java.util.ArrayList<>();
        for (int p = 0; p < 3; p++) {
            all.addAll((List<Map<String, Object>>) page(list + "&page=" + p).get("items"));
        }
        assertThat(all).extracting(t -> t.get("id")).doesNotHaveDuplicates().hasSize(5);
        assertThat(all).extracting(t -> (String) t.get("createdAt")).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(all).allSatisfy(t -> assertThat(t).containsKeys("number", "subject", "status", "queue", "priority", "version")
                .doesNotContainKeys("comments", "history"));
        // Record-level access still in the query: the other team's agent sees none of them, and is not told how many.
        Map<String, Object> otherTeam = http.get().uri(list).header(HttpHeaders.AUTHORIZATION, "Bearer " + AGENT_TIER2).retrieve().body(Map.class);
        assertThat(otherTeam).containsEntry("totalItems", 0);
        assertThat((List<?>) otherTeam.get("items")).isEmpty();
    }

    @Test
    void aPageReadAgainIsTheSameAsReadFreshWhateverArrivedOrLeftSince() {
        String customerId = UUID.randomUUID().toString();
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            clock.advance(java.time.Duration.ofMinutes(1));
            ids.add((String) open(AGENT, customerId, "P3").getBody().get("id"));
        }
        String list = "/api/v1/tickets?queue=tier-1&customerId=" + customerId + "&size=2";

        assertThat(idsOf(page(list))).containsExactly(ids.get(3), ids.get(2));
        // Read again: narrowed to what sorts at or before where the last read ended, same page.
        assertThat(idsOf(page(list))).containsExactly(ids.get(3), ids.get(2));
        clock.advance(java.time.Duration.ofMinutes(1));
        ids.add((String) open(AGENT, customerId, "P3").getBody().get("id"));
        Map<String, Object> arrived = page(list);
        assertThat(idsOf(arrived)).containsExactly(ids.get(4), ids.get(3));
        assertThat(arrived).containsEntry("totalPages", 2);
        // The two newest leave the queue: too few at or before the remembered boundary, so it is read without it.
        for (String id : List.of(ids.get(4), ids.get(3))) {
            String version = get(MANAGER, "/api/v1/tickets/" + id).getHeaders().getETag();
            assertThat(post(MANAGER, "/api/v1/tickets/" + id + "/assignment", version, Map.of("queue", "tier-2")).getStatusCode().value())
                    .isEqualTo(200);
        }
        Map<String, Object> left = page(list);
        assertThat(idsOf(left)).containsExactly(ids.get(2), ids.get(1));
        assertThat(left).containsEntry("totalPages", 2);
        assertThat(idsOf(page(list + "&page=1"))).containsExactly(ids.get(0));
        // Oldest first is its own page with its own boundary.
        assertThat(idsOf(page(list + "&sort=createdAt,asc"))).containsExactly(ids.get(0), ids.get(1));
        assertThat(idsOf(page(list + "&sort=createdAt,asc"))).containsExactly(ids.get(0), ids.get(1));
    }

    static List<Object> idsOf(Map<String, Object> page) {
        return ((List<Map<String, Object>>) page.get("items")).stream().map(t -> t.get("id")).toList();
    }

    @Test
    void aCommentAppendsToTheStoredTicketAndKeepsWhatOthersWrote() {
        String location = open(AGENT, UUID.randomUUID().toString(), "P3").getHeaders().getLocation().toString();
        for (int i = 0; i < 3; i++) {
            assertThat(post(AGENT, location + "/comments", null, Map.of("body", "第 " + i + " 条")).getStatusCode().value()).isEqualTo(201);
        }
        ResponseEntity<Map> read = get(AGENT, location);
        assertThat(read.getHeaders().getETag()).isEqualTo("\"3\"");
        assertThat((List<Map<String, Object>>) read.getBody().get("comments")).extracting(c -> c.get("body"))
                .containsExactly("第 0 条", "第 1 条", "第 2 条");
        assertThat((List<Map<String, Object>>) read.getBody().get("history")).extracting(h -> h.get("field"))
                .containsSubsequence("publicComment", "publicComment", "publicComment");
        // A versioned change after the appends still applies to the current document.
        ResponseEntity<Map> edited = http.patch().uri(location).header(HttpHeaders.AUTHORIZATION, "Bearer " + AGENT)
                .header(HttpHeaders.IF_MATCH, "\"3\"").contentType(MediaType.APPLICATION_JSON).body(Map.of("subject", "改过的标题"))
                .retrieve().toEntity(Map.class);
        assertThat(edited.getStatusCode().value()).isEqualTo(200);
        Map<String, Object> after = get(AGENT, location).getBody();
        assertThat(after).containsEntry("subject", "改过的标题").containsEntry("version", 4);
        assertThat((List<?>) after.get("comments")).hasSize(3);
    }

    Map<String, Object> page(String uri) {
        return http.get().uri(uri).header(HttpHeaders.AUTHORIZATION, "Bearer " + AGENT).retrieve().body(Map.class);
    }

    ResponseEntity<Map> open(String token, String customerId, String priority) {
        return http.post().uri("/api/v1/tickets").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("customerId", customerId, "channel", "PHONE", "type", "INCIDENT", "category", "billing/invoice",
                        "priority", priority, "subject", "发票金额与合同不一致", "description", "客户反映发票金额比合同多 1,200 元。\n请核实。"))
                .retrieve().toEntity(Map.class);
    }

    String moveTo(String token, String location, String etag, String status, String reason) {
        Map<String, Object> body = reason == null ? Map.of("status", status) : Map.of("status", status, "reason", reason);
        ResponseEntity<Map> moved = post(token, location + "/status", etag, body);
        assertThat(moved.getStatusCode().value()).as("move to %s: %s", status, moved.getBody()).isEqualTo(200);
        assertThat(moved.getBody()).containsEntry("status", status);
        return moved.getHeaders().getETag();
    }

    ResponseEntity<Map> post(String token, String uri, String ifMatch, Map<String, ?> body) {
        var request = http.post().uri(uri).header(HttpHeaders.AUTHORIZATION, "Bearer " + token).contentType(MediaType.APPLICATION_JSON);
        if (ifMatch != null) {
            request = request.header(HttpHeaders.IF_MATCH, ifMatch);
        }
        return request.body(body).retrieve().toEntity(Map.class);
    }

    ResponseEntity<Map> patch(String token, String uri, String ifMatch, Map<String, ?> body) {
        return http.patch().uri(uri).header(HttpHeaders.AUTHORIZATION, "Bearer " + token).header(HttpHeaders.IF_MATCH, ifMatch)
                .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toEntity(Map.class);
    }

    ResponseEntity<Map> get(String token, String uri) {
        return http.get().uri(uri).header(HttpHeaders.AUTHORIZATION, "Bearer " + token).retrieve().toEntity(Map.class);
    }

    @SuppressWarnings("unchecked")
    static List<String> fields(ResponseEntity<Map> response) {
        return ((List<Map<String, String>>) response.getBody().get("errors")).stream().map(e -> e.get("field")).toList();
    }
}
