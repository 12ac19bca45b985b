package org.crmsuite.ticket.assignment;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.crmsuite.platform.test.TestIssuer;
import org.crmsuite.ticket.TicketServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** New tickets are routed by type and category and handed to available agents, in turn or to the least loaded. */
@TicketServiceTest
class AssignmentApiTest {

    static final String MANAGER = TestIssuer.get().token("service.manager", List.of("service-manager"), List.of("/service"));
    static final String OPENER = TestIssuer.get().token("hotline", List.of("service-agent"), List.of("/service/hotline"));

    @LocalServerPort
    int port;
    RestClient http;

    @BeforeEach
    void client() {
        http = RestClient.builder().baseUrl("http://127.0.0.1:" + port).defaultStatusHandler(status -> true, (request, response) -> { }).build();
    }

    @Test
    void networkTicketsGoToTier2AndAvailableAgentsGetThemInTurn() {
        String a = "rr.a." + UUID.randomUUID().toString().substring(0, 6);
        String b = "rr.b." + UUID.randomUUID().toString().substring(0, 6);
        available("tier-2", a, true, MANAGER);
        available("tier-2", b, true, MANAGER);
        String unavailable = "rr.c." + UUID.randomUUID().toString().substring(0, 6);
        available("tier-2", unavailable, false, MANAGER);

        List<String> assignees = java.util.stream.IntStream.range(0, 4).mapToObj(i -> {
            ResponseEntity<Map> opened = open("INCIDENT", "network/vpn");
            assertThat(opened.getStatusCode().value()).isEqualTo(201);
            assertThat(opened.getBody()).containsEntry("queue", "tier-2").containsEntry("status", "ASSIGNED");
            return (String) opened.getBody().get("assignee");
        }).toList();

        assertThat(assignees).containsOnly(a, b).doesNotContain(unavailable);
        assertThat(assignees.get(0)).isNotEqualTo(assignees.get(1));
        assertThat(assignees.get(1)).isNotEqualTo(assignees.get(2));
        assertThat(assignees.get(2)).isNotEqualTo(assignees.get(3));
        available("tier-2", a, false, MANAGER);
        available("tier-2", b, false, MANAGER);
    }

    @Test
    void complaintsGoToTheLeastLoadedAvailableAgentAndOnlyTheAgentOrAManagerSetsAvailability() {
        String busy = "ll.a." + UUID.randomUUID().toString().substring(0, 6);
        available("complaints", busy, true, MANAGER);
        assertThat(open("COMPLAINT", null).getBody()).containsEntry("assignee", busy).containsEntry("queue", "complaints");
        String idle = "ll.b." + UUID.randomUUID().toString().substring(0, 6);
        String idleToken = TestIssuer.get().token(idle, List.of("service-agent"), List.of("/service/complaints"));
        assertThat(available("complaints", idle, true, idleToken).getStatusCode().value()).isEqualTo(200);
        assertThat(available("complaints", busy, false, idleToken).getStatusCode().value()).isEqualTo(403);

        assertThat(open("COMPLAINT", "billing").getBody()).containsEntry("assignee", idle);
        available("complaints", busy, false, MANAGER);
        available("complaints", idle, false, MANAGER);
        assertThat(open("COMPLAINT", null).getBody()).containsEntry("status", "NEW").doesNotContainKey("assignee");
    }

    ResponseEntity<Map> available(String queue, String agent, boolean available, String token) {
        return http.put().uri("/api/v1/tickets/queues/{q}/agents/{a}", queue, agent).header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("available", available)).retrieve().toEntity(Map.class);
    }

    ResponseEntity<Map> open(String type, String category) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("customerId", UUID.randomUUID().toString(), "channel", "CHAT",
                "type", type, "priority", "P3", "subject", "VPN 连接不上"));
        if (category != null) {
            body.put("category", category);
        }
        return http.post().uri("/api/v1/tickets").header(HttpHeaders.AUTHORIZATION, "Bearer " + OPENER).contentType(MediaType.APPLICATION_JSON)
                .body(body).retrieve().toEntity(Map.class);
    }
}
