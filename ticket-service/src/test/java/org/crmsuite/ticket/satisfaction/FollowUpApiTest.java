package org.crmsuite.ticket.satisfaction;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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

/**
 * The follow-up tasks poorly rated complaints leave: listed for the manager who owes them (and managers over the
 * department), hidden from others, completed exactly once.
 */
@TicketServiceTest
class FollowUpApiTest {

    /** The queues' manager in application.yaml. */
    static final String MANAGER = TestIssuer.get().token("service.manager", List.of("service-manager"), List.of("/service"));
    /** A manager of another department, not named on any task. */
    static final String SALES_MANAGER = TestIssuer.get().token("sales.boss", List.of("service-manager"), List.of("/sales"));
    /** An agent of the complaints team: sees the ticket, does not owe the call back. */
    static final String AGENT = TestIssuer.get().token("agent.fu", List.of("service-agent"), List.of("/service/complaints"));
    static final String ADMIN = TestIssuer.get().token("admin.fu", List.of("crm-admin"), List.of());
    static final String PUBLIC_URL = "http://127.0.0.1:8080/api/v1/tickets/surveys/";

    @LocalServerPort
    int port;
    @Autowired
    MutableClock clock;
    RestClient http;

    @BeforeEach
    void setUp() {
        http = RestClient.builder().baseUrl("http://127.0.0.1:" + port).defaultStatusHandler(status -> true, (request, response) -> { }).build();
        clock.set(Instant.parse("2026-12-08T03:00:00Z")); // Tuesday 11:00 in Shanghai
    }

    @Test
    void aLowRatedComplaintIsListedForItsManagerUntilCompletedOnce() {
        String poor = rated("COMPLAINT", 1);
        String fine = rated("COMPLAINT", 4);
        String incident = rated("INCIDENT", 1);

        List<Map<String, Object>> open = items(MANAGER, "OPEN");
        assertThat(open).extracting(i -> i.get("ticketId")).contains(poor).doesNotContain(fine, incident);
        Map<String, Object> task = open.stream().filter(i -> poor.equals(i.get("ticketId"))).findFirst().orElseThrow();
        assertThat(task).containsEntry("kind", "CALL_BACK").containsEntry("assignee", "service.manager").containsEntry("status", "OPEN")
                .containsEntry("csat", 1).containsEntry("queue", "complaints").containsEntry("overdue", false)
                // 8 business hours from Tuesday 11:00: Wednesday 10:00 in Shanghai.
                .containsEntry("dueAt", "2026-12-09T02:00:00Z");
        assertThat(items(ADMIN, "OPEN")).extracting(i -> i.get("ticketId")).contains(poor);
        assertThat(items(SALES_MANAGER, "OPEN")).extracting(i -> i.get("ticketId")).doesNotContain(poor);
        assertThat(items(AGENT, "OPEN")).extracting(i -> i.get("ticketId")).doesNotContain(poor);

        clock.advance(Duration.ofDays(1));
        assertThat(items(MANAGER, "OPEN")).filteredOn(i -> poor.equals(i.get("ticketId"))).singleElement()
                .satisfies(i -> assertThat(i).containsEntry("overdue", true));

        assertThat(complete(AGENT, poor, "我来回电").getStatusCode().value()).isEqualTo(403);
        assertThat(complete(SALES_MANAGER, poor, "我来回电").getStatusCode().value()).isEqualTo(403);
        ResponseEntity<Map> blank = complete(MANAGER, poor, " ");
        assertThat(blank.getStatusCode().value()).isEqualTo(400);
        assertThat(blank.getBody()).containsEntry("type", "urn:crm:problem:validation-failed");

        ResponseEntity<Map> done = complete(MANAGER, poor, "已致电客户致歉，客户接受补偿方案。");
        assertThat(done.getStatusCode().value()).isEqualTo(200);
        assertThat(done.getBody()).containsEntry("status", "DONE").containsEntry("completedBy", "service.manager")
                .containsEntry("outcome", "已致电客户致歉，客户接受补偿方案。").containsEntry("overdue", false);

        ResponseEntity<Map> again = complete(ADMIN, poor, "again");
        assertThat(again.getStatusCode().value()).isEqualTo(409);
        assertThat(again.getBody()).containsEntry("type", "urn:crm:problem:conflict");
        assertThat((String) again.getBody().get("detail")).contains("service.manager");

        assertThat(items(MANAGER, "OPEN")).extracting(i -> i.get("ticketId")).doesNotContain(poor);
        assertThat(items(MANAGER, "DONE")).extracting(i -> i.get("ticketId")).contains(poor);
        Map<String, Object> ticket = http.get().uri("/api/v1/tickets/" + poor).header(HttpHeaders.AUTHORIZATION, "Bearer " + MANAGER)
                .retrieve().body(Map.class);
        assertThat((List<Map<String, Object>>) ticket.get("history")).anySatisfy(h ->
                assertThat(h).containsEntry("field", "followUpTask").containsEntry("to", "DONE").containsEntry("by", "service.manager"));
    }

    @Test
    void aTicketWithoutATaskAnUnknownTicketAndBadParametersAreProblems() {
        String fine = rated("COMPLAINT", 5);
        assertThat(complete(MANAGER, fine, "nothing to do").getStatusCode().value()).isEqualTo(404);
        assertThat(complete(MANAGER, UUID.randomUUID().toString(), "x").getStatusCode().value()).isEqualTo(404);
        assertThat(list(MANAGER, "status=LATER").getStatusCode().value()).isEqualTo(400);
        assertThat(list(MANAGER, "size=1000").getStatusCode().value()).isEqualTo(400);
        assertThat(list(MANAGER, "status=OPEN&size=1").getBody()).containsEntry("size", 1);
    }

    /** A ticket of this type, resolved and rated by the customer through the survey link; returns its id. */
    String rated(String type, int csat) {
        ResponseEntity<Map> opened = http.post().uri("/api/v1/tickets").header(HttpHeaders.AUTHORIZATION, "Bearer " + MANAGER)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("customerId", UUID.randomUUID().toString(), "channel", "PHONE", "type", type,
                        "priority", "P3", "subject", "对处理结果不满意", "queue", "complaints")).retrieve().toEntity(Map.class);
        assertThat(opened.getStatusCode().value()).as("%s", opened.getBody()).isEqualTo(201);
        String location = opened.getHeaders().getLocation().toString();
        String etag = opened.getHeaders().getETag();
        if (!"service.manager".equals(opened.getBody().get("assignee"))) {
            etag = move(location + "/assignment", etag, Map.of("assignee", "service.manager")).getHeaders().getETag();
        }
        etag = move(location + "/status", etag, Map.of("status", "IN_PROGRESS")).getHeaders().getETag();
        String link = (String) move(location + "/status", etag, Map.of("status", "RESOLVED", "reason", "已处理")).getBody().get("surveyLink");
        ResponseEntity<Map> answered = http.post().uri("/api/v1/tickets/surveys/{t}", link.substring(PUBLIC_URL.length()))
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("csat", csat)).retrieve().toEntity(Map.class);
        assertThat(answered.getStatusCode().value()).isEqualTo(204);
        return (String) opened.getBody().get("id");
    }

    ResponseEntity<Map> move(String uri, String etag, Map<String, ?> body) {
        ResponseEntity<Map> response = http.post().uri(uri).header(HttpHeaders.AUTHORIZATION, "Bearer " + MANAGER).header(HttpHeaders.IF_MATCH, etag)
                .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toEntity(Map.class);
        assertThat(response.getStatusCode().value()).as("%s %s", uri, response.getBody()).isEqualTo(200);
        return response;
    }

    ResponseEntity<Map> list(String token, String query) {
        return http.get().uri("/api/v1/tickets/follow-ups?" + query).header(HttpHeaders.AUTHORIZATION, "Bearer " + token).retrieve().toEntity(Map.class);
    }

    List<Map<String, Object>> items(String token, String status) {
        ResponseEntity<Map> page = list(token, "status=" + status + "&size=100");
        assertThat(page.getStatusCode().value()).as("%s", page.getBody()).isEqualTo(200);
        return (List<Map<String, Object>>) page.getBody().get("items");
    }

    ResponseEntity<Map> complete(String token, String ticketId, String outcome) {
        return http.post().uri("/api/v1/tickets/{id}/follow-up/completion", ticketId).header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("outcome", outcome)).retrieve().toEntity(Map.class);
    }
}
