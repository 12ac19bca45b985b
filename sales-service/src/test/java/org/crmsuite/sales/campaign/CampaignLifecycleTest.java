package org.crmsuite.sales.campaign;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.crmsuite.platform.events.Topics;
import org.crmsuite.platform.test.EventProbe;
import org.crmsuite.sales.ApiTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

class CampaignLifecycleTest extends ApiTestSupport {

    static final String URI = "/api/v1/sales/campaigns";
    static final String DEALS = "/api/v1/sales/opportunities";
    static final String TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();

    ResponseEntity<Map> plan(String name, String cost) {
        return post(MARKETING, URI, Map.of("name", name, "type", "WEBINAR", "channel", "WeChat", "targetSegment", "制造业 / 华东",
                "budget", "50000.00", "actualCost", cost, "startsOn", "2026-12-01", "endsOn", "2026-12-31"));
    }

    void win(String campaignId, String price) {
        ResponseEntity<Map> deal = post(REP, DEALS, Map.of("name", "Campaign deal", "customerId", UUID.randomUUID().toString(),
                "expectedCloseDate", TODAY, "campaignId", campaignId, "lineItems", List.of(Map.of("product", "CRM seats", "quantity", 1, "unitPrice", price))));
        assertThat(put(REP, DEALS + "/" + deal.getBody().get("id") + "/stage", Map.of("stage", "won"), etag(deal)).getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void aCampaignIsLaunchedGathersMembersAndResponsesAndIsCompleted() {
        ResponseEntity<Map> planned = plan("2026 华东制造业线上研讨会", "0.00");
        String id = (String) planned.getBody().get("id");
        String lead = (String) post(MARKETING, "/api/v1/sales/leads", Map.of("company", "南通纺织机械有限公司", "source", "CAMPAIGN", "campaignId", id))
                .getBody().get("id");

        ResponseEntity<Map> member = post(MARKETING, URI + "/" + id + "/members", Map.of("leadId", lead));
        assertThat(member.getStatusCode().value()).isEqualTo(201);
        assertThat(post(MARKETING, URI + "/" + id + "/members", Map.of("leadId", lead)).getStatusCode().value()).isEqualTo(409);
        assertThat(post(MARKETING, URI + "/" + id + "/members", Map.of("customerId", UUID.randomUUID().toString())).getStatusCode().value()).isEqualTo(201);
        assertThat(post(MARKETING, URI + "/" + id + "/members", Map.of()).getStatusCode().value()).isEqualTo(400);
        String memberId = (String) member.getBody().get("id");
        assertThat(post(MARKETING, URI + "/" + id + "/responses", Map.of("memberId", memberId, "kind", "REGISTERED")).getStatusCode().value())
                .as("not launched yet").isEqualTo(422);

        assertThat(post(MARKETING, URI + "/" + id + "/launch", null, null).getStatusCode().value()).isEqualTo(428);
        ResponseEntity<Map> launched = post(MARKETING, URI + "/" + id + "/launch", null, etag(planned));
        assertThat(launched.getStatusCode().value()).isEqualTo(200);
        assertThat(launched.getBody().get("status")).isEqualTo("ACTIVE");
        assertThat(post(MARKETING, URI + "/" + id + "/launch", null, etag(launched)).getStatusCode().value()).isEqualTo(422);
        assertThat(post(MARKETING, URI + "/" + id + "/responses", Map.of("memberId", memberId, "kind", "REGISTERED")).getStatusCode().value()).isEqualTo(201);
        assertThat(post(MARKETING, URI + "/" + id + "/responses", Map.of("memberId", memberId, "kind", "ATTENDED", "note", "问了价格"))
                .getStatusCode().value()).isEqualTo(201);
        assertThat(post(MARKETING, URI + "/" + id + "/responses", Map.of("memberId", UUID.randomUUID().toString(), "kind", "OPENED"))
                .getStatusCode().value()).isEqualTo(400);

        ResponseEntity<Map> completed = post(MARKETING, URI + "/" + id + "/completion", Map.of("actualCost", "38000.00"), etag(launched));
        assertThat(completed.getStatusCode().value()).isEqualTo(200);
        assertThat(completed.getBody().get("status")).isEqualTo("COMPLETED");
        assertThat(completed.getBody().get("memberCount")).isEqualTo(2);
        assertThat(completed.getBody().get("respondedMembers")).isEqualTo(1);
        assertThat(items(get(MARKETING, URI + "?status=COMPLETED&size=100"))).extracting(c -> c.get("id")).contains(id);
        assertThat(items(get(REP_WEST, URI + "?size=100"))).extracting(c -> c.get("id")).doesNotContain(id);

        try (EventProbe probe = EventProbe.onSharedKafka(Topics.SALES)) {
            var launchedEvent = probe.awaitEvent("crm.campaign.launched.v1", id);
            assertThat(launchedEvent.text("budget")).isEqualTo("50000.00");
            assertThat(launchedEvent.text("targetSegment")).isEqualTo("制造业 / 华东");
            var completedEvent = probe.awaitEvent("crm.campaign.completed.v1", id);
            assertThat(completedEvent.text("actualCost")).isEqualTo("38000.00");
            assertThat(completedEvent.text("memberCount")).isEqualTo("2");
            assertThat(completedEvent.text("responseCount")).isEqualTo("1");
            probe.assertAllMatchTheirSchemas();
        }
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> members = http.get().uri(URI + "/" + id + "/members").header(HttpHeaders.AUTHORIZATION, "Bearer " + MARKETING)
                .retrieve().body(List.class);
        assertThat(members).extracting(m -> m.get("responses")).containsExactly(2, 0);
    }

    /** Hand-computed: revenue 80 000 (50 000 + 30 000 won; the open deal does not count). */
    @Test
    void roiFollowsTheActualCost() {
        ResponseEntity<Map> planned = plan("ROI 核对", "20000.00");
        String id = (String) planned.getBody().get("id");
        win(id, "50000.00");
        win(id, "30000.00");
        post(REP, DEALS, Map.of("name", "Open deal", "customerId", UUID.randomUUID().toString(), "amount", "1000000", "campaignId", id));

        assertThat(get(MARKETING, URI + "/" + id).getBody().get("roi")).isEqualTo(3.0);          // (80 000 − 20 000) / 20 000
        ResponseEntity<Map> costlier = put(MARKETING, URI + "/" + id + "/actual-cost", Map.of("actualCost", "32000.00"), etag(planned));
        assertThat(costlier.getStatusCode().value()).isEqualTo(200);
        assertThat(costlier.getBody().get("roi")).isEqualTo(1.5);                                  // (80 000 − 32 000) / 32 000
        ResponseEntity<Map> odd = put(MARKETING, URI + "/" + id + "/actual-cost", Map.of("actualCost", "30000.00"), etag(costlier));
        assertThat(odd.getBody().get("roi")).isEqualTo(1.6667);                                    // 50 000 / 30 000 = 1.66666… half-even
        ResponseEntity<Map> overspent = put(MARKETING, URI + "/" + id + "/actual-cost", Map.of("actualCost", "160000.00"), etag(odd));
        assertThat(overspent.getBody().get("roi")).isEqualTo(-0.5);                                // (80 000 − 160 000) / 160 000
        ResponseEntity<Map> free = put(MARKETING, URI + "/" + id + "/actual-cost", Map.of("actualCost", "0"), etag(overspent));
        assertThat(free.getBody().get("roi")).isNull();                                            // undefined without cost

        assertThat(put(MARKETING, URI + "/" + id + "/actual-cost", Map.of("actualCost", "-1.00"), etag(free)).getStatusCode().value()).isEqualTo(400);
        assertThat(put(MARKETING, URI + "/" + id + "/actual-cost", Map.of("actualCost", "1.00"), etag(planned)).getStatusCode().value()).isEqualTo(412);
        assertThat(put(REP, URI + "/" + id + "/actual-cost", Map.of("actualCost", "1.00"), etag(free)).getStatusCode().value()).isEqualTo(403);
    }
}
