package org.crmsuite.sales.lead;

import java.util.Map;
import java.util.UUID;

import org.crmsuite.platform.events.Topics;
import org.crmsuite.platform.test.EventProbe;
import org.crmsuite.sales.ApiTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

class LeadApiTest extends ApiTestSupport {

    static final String URI = "/api/v1/sales/leads";

    ResponseEntity<Map> register(String token) {
        return post(token, URI, Map.of("company", "苏州精密机械有限公司", "contactName", "王芳", "contactEmail", "wang.fang@example.cn",
                "source", "TRADE_SHOW", "campaignId", UUID.randomUUID().toString(), "score", 65));
    }

    @Test
    void aLeadIsContactedThenQualifiedAndTheWorldHearsOfIt() {
        ResponseEntity<Map> created = register(REP);
        assertThat(created.getStatusCode().value()).isEqualTo(201);
        assertThat(created.getBody().get("status")).isEqualTo("NEW");
        assertThat(created.getBody().get("ownerId")).isEqualTo("rep");
        assertThat(created.getBody().get("department")).isEqualTo("/sales/east");
        String id = (String) created.getBody().get("id");

        ResponseEntity<Map> contacted = put(REP, URI + "/" + id + "/status", Map.of("status", "CONTACTED"), etag(created));
        assertThat(contacted.getStatusCode().value()).isEqualTo(200);
        ResponseEntity<Map> qualified = put(REP, URI + "/" + id + "/status", Map.of("status", "QUALIFIED"), etag(contacted));
        assertThat(qualified.getStatusCode().value()).isEqualTo(200);
        assertThat(qualified.getBody().get("status")).isEqualTo("QUALIFIED");

        try (EventProbe probe = EventProbe.onSharedKafka(Topics.SALES)) {
            var event = probe.awaitEvent("crm.lead.created.v1", id);
            assertThat(event.text("company")).isEqualTo("苏州精密机械有限公司");
            assertThat(event.data().toString()).doesNotContain("wang.fang@example.cn");
            assertThat(probe.awaitEvent("crm.lead.qualified.v1", id).text("score")).isEqualTo("65");
            probe.assertAllMatchTheirSchemas();
        }
    }

    @Test
    void disqualifyingNeedsAReason() {
        ResponseEntity<Map> created = register(REP);
        String id = (String) created.getBody().get("id");

        ResponseEntity<Map> noReason = put(REP, URI + "/" + id + "/status", Map.of("status", "DISQUALIFIED"), etag(created));
        assertThat(noReason.getStatusCode().value()).isEqualTo(400);
        assertThat(fields(noReason)).containsExactly("reason");

        ResponseEntity<Map> disqualified = put(REP, URI + "/" + id + "/status", Map.of("status", "DISQUALIFIED", "reason", "无预算"), etag(created));
        assertThat(disqualified.getStatusCode().value()).isEqualTo(200);
        assertThat(disqualified.getBody().get("disqualifyReason")).isEqualTo("无预算");
        try (EventProbe probe = EventProbe.onSharedKafka(Topics.SALES)) {
            var event = probe.awaitEvent("crm.lead.disqualified.v1", id);
            assertThat(event.text("reason")).isEqualTo("无预算");
            assertThat(event.text("fromStatus")).isEqualTo("NEW");
            probe.assertAllMatchTheirSchemas();
        }
    }

    @Test
    void refusesSkippingTheFlowStaleVersionsAndBadInput() {
        ResponseEntity<Map> created = register(REP);
        String id = (String) created.getBody().get("id");

        ResponseEntity<Map> skip = put(REP, URI + "/" + id + "/status", Map.of("status", "QUALIFIED"), etag(created));
        assertThat(skip.getStatusCode().value()).isEqualTo(422);
        assertThat(fields(skip)).containsExactly("status");
        assertThat(put(REP, URI + "/" + id + "/status", Map.of("status", "CONVERTED"), etag(created)).getStatusCode().value()).isEqualTo(422);
        assertThat(put(REP, URI + "/" + id + "/status", Map.of("status", "CONTACTED"), null).getStatusCode().value()).isEqualTo(428);
        assertThat(put(REP, URI + "/" + id + "/status", Map.of("status", "CONTACTED"), etag(created)).getStatusCode().value()).isEqualTo(200);
        assertThat(put(REP, URI + "/" + id + "/status", Map.of("status", "QUALIFIED"), etag(created)).getStatusCode().value()).isEqualTo(412);

        ResponseEntity<Map> bad = post(REP, URI, Map.of("company", " ", "source", "TRADE_SHOW", "score", 101, "contactEmail", "not-an-email"));
        assertThat(bad.getStatusCode().value()).isEqualTo(400);
        assertThat(fields(bad)).contains("company", "score", "contactEmail");
    }

    @Test
    void repsSeeOnlyTheirTeamsLeads() {
        String id = (String) register(REP).getBody().get("id");
        assertThat(get(REP_WEST, URI + "/" + id).getStatusCode().value()).isEqualTo(403);
        assertThat(get(MANAGER, URI + "/" + id).getStatusCode().value()).isEqualTo(200);
        assertThat(get(MARKETING, URI + "/" + id).getStatusCode().value()).isEqualTo(200);
        assertThat(items(get(REP_WEST, URI + "?size=100"))).noneMatch(item -> id.equals(item.get("id")));
        assertThat(post(ANALYST, URI, Map.of("company", "X", "source", "OTHER")).getStatusCode().value()).isEqualTo(403);
    }
}
