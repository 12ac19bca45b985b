package org.crmsuite.ticket.satisfaction;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

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

/** The one-time, expiring survey link of a resolved ticket, and the follow-up a poorly rated complaint opens. */
@TicketServiceTest
class SatisfactionApiTest {

    static final String MANAGER = TestIssuer.get().token("service.manager", List.of("service-manager"), List.of("/service"));
    static final String PUBLIC_URL = "http://127.0.0.1:8080/api/v1/tickets/surveys/";

    @LocalServerPort
    int port;
    @Autowired
    MutableClock clock;
    RestClient http;

    @BeforeEach
    void setUp() {
        http = RestClient.builder().baseUrl("http://127.0.0.1:" + port).defaultStatusHandler(status -> true, (request, response) -> { }).build();
        clock.set(Instant.parse("2026-12-07T02:00:00Z"));
    }

    @Test
    void aPoorlyRatedComplaintIsRecordedOnceAndOpensAFollowUpForTheQueueManager() throws Exception {
        Resolved resolved = resolve("COMPLAINT");
        String token = resolved.link().substring(PUBLIC_URL.length());
        assertThat(token).hasSizeGreaterThan(40);
        assertThat(http.get().uri("/api/v1/tickets/surveys/{t}", token).retrieve().toEntity(Map.class).getBody())
                .containsEntry("number", resolved.number());

        assertThat(answer(token, Map.of("csat", 6)).getStatusCode().value()).isEqualTo(400);
        assertThat(answer(token, Map.of("csat", 0)).getStatusCode().value()).isEqualTo(400);
        ResponseEntity<Map> badNps = answer(token, Map.of("csat", 3, "nps", 11));
        assertThat(badNps.getStatusCode().value()).isEqualTo(400);
        assertThat(badNps.getBody()).containsEntry("type", "urn:crm:problem:validation-failed");

        CyclicBarrier together = new CyclicBarrier(2);
        Map<String, Object> body = Map.of("csat", 2, "nps", 3, "comment", "等了太久，问题才解决。");
        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> submitTogether(together, token, body));
        CompletableFuture<Integer> second = CompletableFuture.supplyAsync(() -> submitTogether(together, token, body));
        assertThat(List.of(first.get(), second.get())).containsExactlyInAnyOrder(204, 409);

        ResponseEntity<Map> reused = answer(token, Map.of("csat", 5));
        assertThat(reused.getStatusCode().value()).isEqualTo(409);
        assertThat(reused.getBody()).containsEntry("type", "urn:crm:problem:conflict");

        Map<String, Object> ticket = http.get().uri(resolved.location()).header(HttpHeaders.AUTHORIZATION, "Bearer " + MANAGER)
                .retrieve().body(Map.class);
        assertThat((Map<String, Object>) ticket.get("satisfaction")).containsEntry("csat", 2).containsEntry("nps", 3);
        assertThat((Map<String, Object>) ticket.get("followUpTask")).containsEntry("kind", "CALL_BACK").containsEntry("assignee", "service.manager");

        try (EventProbe probe = EventProbe.onSharedKafka(Topics.TICKET)) {
            InboundEvent rated = probe.awaitEvent("crm.ticket.satisfaction-rated.v1", resolved.id());
            assertThat(rated.text("followUpAssignee")).isEqualTo("service.manager");
            assertThat(rated.data().get("csat").asInt()).isEqualTo(2);
            assertThat(rated.data().has("comment")).isFalse();
            assertThat(probe.events()).filteredOn(e -> e.type().equals("crm.ticket.satisfaction-rated.v1") && resolved.id().equals(e.subject())).hasSize(1);
            probe.assertAllMatchTheirSchemas();
        }
    }

    @Test
    void anExpiredLinkIsGoneAFreshOneWorksAndUnknownLinksAreNotFound() {
        Resolved resolved = resolve("INCIDENT");
        String token = resolved.link().substring(PUBLIC_URL.length());
        clock.advance(Duration.ofDays(8));

        ResponseEntity<Map> expired = answer(token, Map.of("csat", 4));
        assertThat(expired.getStatusCode().value()).isEqualTo(410);
        assertThat(expired.getBody()).containsEntry("type", "urn:crm:problem:gone");

        ResponseEntity<Map> reissued = http.post().uri(resolved.location() + "/survey").header(HttpHeaders.AUTHORIZATION, "Bearer " + MANAGER)
                .retrieve().toEntity(Map.class);
        assertThat(reissued.getStatusCode().value()).isEqualTo(200);
        String fresh = ((String) reissued.getBody().get("surveyLink")).substring(PUBLIC_URL.length());
        assertThat(answer(token, Map.of("csat", 4)).getStatusCode().value()).isEqualTo(404);
        assertThat(answer(fresh, Map.of("csat", 4, "nps", 10)).getStatusCode().value()).isEqualTo(204);

        Map<String, Object> ticket = http.get().uri(resolved.location()).header(HttpHeaders.AUTHORIZATION, "Bearer " + MANAGER).retrieve().body(Map.class);
        assertThat(ticket).doesNotContainKey("followUpTask");
        assertThat(answer("not-a-real-token", Map.of("csat", 4)).getStatusCode().value()).isEqualTo(404);
    }

    record Resolved(String id, String number, String location, String link) {
    }

    Resolved resolve(String type) {
        ResponseEntity<Map> opened = http.post().uri("/api/v1/tickets").header(HttpHeaders.AUTHORIZATION, "Bearer " + MANAGER)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("customerId", UUID.randomUUID().toString(), "channel", "PHONE", "type", type,
                        "priority", "P3", "subject", "服务态度问题", "queue", "tier-1")).retrieve().toEntity(Map.class);
        String location = opened.getHeaders().getLocation().toString();
        String etag = move(location + "/assignment", "\"0\"", Map.of("assignee", "service.manager")).getHeaders().getETag();
        etag = move(location + "/status", etag, Map.of("status", "IN_PROGRESS")).getHeaders().getETag();
        ResponseEntity<Map> resolved = move(location + "/status", etag, Map.of("status", "RESOLVED", "reason", "已致电客户道歉并说明"));
        assertThat(resolved.getBody()).containsKey("surveyLink");
        return new Resolved((String) opened.getBody().get("id"), (String) opened.getBody().get("number"), location,
                (String) resolved.getBody().get("surveyLink"));
    }

    ResponseEntity<Map> move(String uri, String etag, Map<String, ?> body) {
        ResponseEntity<Map> response = http.post().uri(uri).header(HttpHeaders.AUTHORIZATION, "Bearer " + MANAGER).header(HttpHeaders.IF_MATCH, etag)
                .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toEntity(Map.class);
        assertThat(response.getStatusCode().value()).as("%s %s", uri, response.getBody()).isEqualTo(200);
        return response;
    }

    ResponseEntity<Map> answer(String token, Map<String, ?> body) {
        return http.post().uri("/api/v1/tickets/surveys/{t}", token).contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toEntity(Map.class);
    }

    int submitTogether(CyclicBarrier together, String token, Map<String, ?> body) {
        try {
            together.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return answer(token, body).getStatusCode().value();
    }
}
