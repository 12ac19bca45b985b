package org.crmsuite.ticket.knowledge;

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

/** Articles are written by staff, found in Chinese and Latin text on the MongoDB wire server, and linked from tickets. */
@TicketServiceTest
class KnowledgeApiTest {

    static final String AGENT = TestIssuer.get().token("agent.kb", List.of("service-agent"), List.of("/service/tier-1"));
    static final String REP = TestIssuer.get().token("rep.kb", List.of("sales-rep"), List.of("/sales/east"));

    @LocalServerPort
    int port;
    RestClient http;

    @BeforeEach
    void client() {
        http = RestClient.builder().baseUrl("http://127.0.0.1:" + port).defaultStatusHandler(status -> true, (request, response) -> { }).build();
    }

    @Test
    void articlesAreFoundByChineseAndLatinWordsAndCustomersOnlySeePublishedPublicOnes() {
        String marker = "kb" + UUID.randomUUID().toString().substring(0, 8);
        String invoice = id(write(Map.of("title", "如何重新开具发票 " + marker, "body", "在财务系统中作废原发票，然后重新开具。",
                "category", "billing/invoice", "tags", List.of("发票", "invoice"), "status", "PUBLISHED", "audience", "PUBLIC")));
        String vpn = id(write(Map.of("title", "VPN cannot connect " + marker, "body", "Reset the VPN client profile; 重启客户端。",
                "category", "network/vpn", "status", "PUBLISHED", "audience", "PUBLIC")));
        String internal = id(write(Map.of("title", "发票系统内部排查手册 " + marker, "body", "仅限内部：查看开票队列。", "category", "billing/invoice")));

        assertThat(search(AGENT, "重新开具 " + marker)).containsExactly(invoice);
        assertThat(search(AGENT, "发票 " + marker)).containsExactlyInAnyOrder(invoice, internal);
        assertThat(search(AGENT, "票 " + marker)).containsExactlyInAnyOrder(invoice, internal);
        assertThat(search(AGENT, "INVOICE " + marker)).containsExactlyInAnyOrder(invoice, internal); // category words count
        assertThat(search(REP, "INVOICE " + marker)).containsExactly(invoice);
        assertThat(search(AGENT, "ｖｐｎ " + marker)).containsExactly(vpn);
        assertThat(search(AGENT, "profile 客户端 " + marker)).containsExactly(vpn);
        assertThat(search(AGENT, "发票 vpn " + marker)).isEmpty();

        assertThat(search(REP, "发票 " + marker)).containsExactly(invoice);
        assertThat(http.get().uri("/api/v1/tickets/knowledge/articles/" + internal).header(HttpHeaders.AUTHORIZATION, "Bearer " + REP)
                .retrieve().toBodilessEntity().getStatusCode().value()).isEqualTo(404);
        assertThat(write(REP, Map.of("title", "x")).getStatusCode().value()).isEqualTo(403);
        List<String> categories = http.get().uri("/api/v1/tickets/knowledge/categories").header(HttpHeaders.AUTHORIZATION, "Bearer " + AGENT)
                .retrieve().body(List.class);
        assertThat(categories).contains("billing/invoice", "network/vpn");
    }

    @Test
    void editsNeedTheVersionAndArticlesAreLinkedFromTickets() {
        String marker = "kb" + UUID.randomUUID().toString().substring(0, 8);
        String id = id(write(Map.of("title", "Password reset " + marker, "body", "Use the self-service portal.")));

        ResponseEntity<Map> missing = http.patch().uri("/api/v1/tickets/knowledge/articles/" + id).header(HttpHeaders.AUTHORIZATION, "Bearer " + AGENT)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("status", "PUBLISHED")).retrieve().toEntity(Map.class);
        assertThat(missing.getStatusCode().value()).isEqualTo(428);
        ResponseEntity<Map> published = patch(id, "\"0\"", Map.of("status", "PUBLISHED", "title", "密码重置 Password reset " + marker));
        assertThat(published.getStatusCode().value()).isEqualTo(200);
        assertThat(published.getHeaders().getETag()).isEqualTo("\"1\"");
        assertThat(patch(id, "\"0\"", Map.of("status", "ARCHIVED")).getStatusCode().value()).isEqualTo(412);
        assertThat(search(AGENT, "密码 " + marker)).containsExactly(id);

        String ticket = (String) http.post().uri("/api/v1/tickets").header(HttpHeaders.AUTHORIZATION, "Bearer " + AGENT)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("customerId", UUID.randomUUID().toString(), "channel", "EMAIL",
                        "type", "CONSULTATION", "priority", "P4", "subject", "忘记密码", "queue", "tier-1")).retrieve().body(Map.class).get("id");
        ResponseEntity<Map> linked = http.post().uri("/api/v1/tickets/" + ticket + "/articles").header(HttpHeaders.AUTHORIZATION, "Bearer " + AGENT)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("articleId", id)).retrieve().toEntity(Map.class);
        assertThat(linked.getStatusCode().value()).isEqualTo(200);
        assertThat((List<String>) linked.getBody().get("articleIds")).containsExactly(id);
        ResponseEntity<Map> unknown = http.post().uri("/api/v1/tickets/" + ticket + "/articles").header(HttpHeaders.AUTHORIZATION, "Bearer " + AGENT)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("articleId", "nope")).retrieve().toEntity(Map.class);
        assertThat(unknown.getStatusCode().value()).isEqualTo(404);
    }

    ResponseEntity<Map> write(Map<String, ?> body) {
        ResponseEntity<Map> created = write(AGENT, body);
        assertThat(created.getStatusCode().value()).as("%s", created.getBody()).isEqualTo(201);
        return created;
    }

    ResponseEntity<Map> write(String token, Map<String, ?> body) {
        return http.post().uri("/api/v1/tickets/knowledge/articles").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toEntity(Map.class);
    }

    ResponseEntity<Map> patch(String id, String etag, Map<String, ?> body) {
        return http.patch().uri("/api/v1/tickets/knowledge/articles/" + id).header(HttpHeaders.AUTHORIZATION, "Bearer " + AGENT)
                .header(HttpHeaders.IF_MATCH, etag).contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toEntity(Map.class);
    }

    List<String> search(String token, String q) {
        List<Map<String, Object>> found = http.get().uri(b -> b.path("/api/v1/tickets/knowledge/articles").queryParam("q", q).build())
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token).retrieve().body(List.class);
        return found.stream().map(a -> (String) a.get("id")).toList();
    }

    static String id(ResponseEntity<Map> response) {
        return (String) response.getBody().get("id");
    }
}
