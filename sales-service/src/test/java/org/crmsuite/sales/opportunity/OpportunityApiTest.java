package org.crmsuite.sales.opportunity;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.crmsuite.platform.events.Topics;
import org.crmsuite.platform.test.EventProbe;
import org.crmsuite.sales.ApiTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

class OpportunityApiTest extends ApiTestSupport {

    static final String URI = "/api/v1/sales/opportunities";
    static final LocalDate NEXT_MONTH = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusMonths(1);

    static Map<String, Object> deal(Object... overrides) {
        Map<String, Object> body = new HashMap<>(Map.of("name", "华东仓储系统升级", "customerId", UUID.randomUUID().toString()));
        for (int i = 0; i < overrides.length; i += 2) {
            body.put((String) overrides[i], overrides[i + 1]);
        }
        return body;
    }

    static final List<Map<String, Object>> LINES = List.of(
            Map.of("product", "WMS licence", "quantity", 3, "unitPrice", "40000.00"),
            Map.of("product", "Implementation", "quantity", 1.5, "unitPrice", "10000.05"));

    @Test
    void opensAtTheFirstStageWithOwnerAndDepartmentFromTheTokenAndTellsTheWorld() {
        ResponseEntity<Map> created = post(REP, URI, deal("amount", "120000.5", "expectedCloseDate", NEXT_MONTH.toString(),
                "competitors", List.of("Odoo", "Odoo", "金蝶")));

        assertThat(created.getStatusCode().value()).isEqualTo(201);
        Map<String, Object> body = created.getBody();
        assertThat(etag(created)).isEqualTo("\"" + body.get("version") + "\"");
        assertThat(body.get("stage")).isEqualTo("qualification");
        assertThat(body.get("probability")).isEqualTo(10);
        assertThat(body.get("amount")).isEqualTo("120000.50");
        assertThat(body.get("currency")).isEqualTo("CNY");
        assertThat(body.get("ownerId")).isEqualTo("rep");
        assertThat(body.get("department")).isEqualTo("/sales/east");
        assertThat(body.get("competitors")).isEqualTo(List.of("Odoo", "金蝶"));
        assertThat((List<?>) body.get("stageHistory")).hasSize(1);
        String id = (String) body.get("id");
        try (EventProbe probe = EventProbe.onSharedKafka(Topics.SALES)) {
            var event = probe.awaitEvent("crm.opportunity.created.v1", id);
            assertThat(event.source()).isEqualTo("/sales-service");
            assertThat(event.text("amount")).isEqualTo("120000.50");
            assertThat(event.text("ownerId")).isEqualTo("rep");
            probe.assertAllMatchTheirSchemas();
        }
    }

    @Test
    void amountDefaultsToTheSumOfTheLineItems() {
        ResponseEntity<Map> created = post(REP, URI, deal("lineItems", LINES));
        // 3 × 40000.00 + 1.5 × 10000.05 = 120000.00 + 15000.075 → 15000.08 (half-even) = 135000.08
        assertThat(created.getBody().get("amount")).isEqualTo("135000.08");
    }

    @Test
    @SuppressWarnings("unchecked")
    void walksThroughTheStagesToWonAndTellsFinanceWhatToInvoice() {
        ResponseEntity<Map> created = post(REP, URI, deal("amount", "135000.08", "currency", "CNY", "expectedCloseDate", NEXT_MONTH.toString(),
                "lineItems", LINES));
        String id = (String) created.getBody().get("id");
        String etag = etag(created);
        for (String stage : List.of("needs-analysis", "proposal", "negotiation")) {
            ResponseEntity<Map> moved = put(REP, URI + "/" + id + "/stage", Map.of("stage", stage), etag);
            assertThat(moved.getStatusCode().value()).as(stage).isEqualTo(200);
            etag = etag(moved);
        }
        ResponseEntity<Map> won = put(REP, URI + "/" + id + "/stage", Map.of("stage", "won", "reason", "best integration"), etag);

        assertThat(won.getStatusCode().value()).isEqualTo(200);
        assertThat(won.getBody().get("status")).isEqualTo("WON");
        assertThat(won.getBody().get("probability")).isEqualTo(100);
        assertThat(won.getBody().get("closedAt")).isNotNull();
        List<Map<String, Object>> history = (List<Map<String, Object>>) won.getBody().get("stageHistory");
        assertThat(history).extracting(change -> change.get("toStage"))
                .containsExactly("qualification", "needs-analysis", "proposal", "negotiation", "won");
        assertThat(history).allSatisfy(change -> assertThat(change.get("changedAt")).isNotNull());
        try (EventProbe probe = EventProbe.onSharedKafka(Topics.SALES)) {
            probe.awaitEvent(e -> e.type().equals("crm.opportunity.stage-changed.v1") && e.subject().equals(id)
                    && "negotiation".equals(e.text("toStage")));
            var event = probe.awaitEvent("crm.opportunity.won.v1", id);
            assertThat(event.text("amount")).isEqualTo("135000.08");
            assertThat(event.text("currency")).isEqualTo("CNY");
            assertThat(event.text("ownerId")).isEqualTo("rep");
            assertThat(event.text("customerId")).isEqualTo(created.getBody().get("customerId"));
            assertThat(event.data().toString()).contains("WMS licence", "\"lineTotal\":\"15000.08\"", "\"quantity\":\"1.5\"");
            probe.assertAllMatchTheirSchemas();
        }
        ResponseEntity<Map> again = put(REP, URI + "/" + id + "/stage", Map.of("stage", "negotiation"), etag(won));
        assertThat(again.getStatusCode().value()).isEqualTo(422);
    }

    @Test
    void aLostDealNeedsAReasonAndTellsTheWorld() {
        ResponseEntity<Map> created = post(REP, URI, deal("competitors", List.of("Salesforce")));
        String id = (String) created.getBody().get("id");

        ResponseEntity<Map> noReason = put(REP, URI + "/" + id + "/stage", Map.of("stage", "lost"), etag(created));
        assertThat(noReason.getStatusCode().value()).isEqualTo(400);
        assertThat(fields(noReason)).containsExactly("reason");

        ResponseEntity<Map> lost = put(REP, URI + "/" + id + "/stage", Map.of("stage", "lost", "reason", "价格太高"), etag(created));
        assertThat(lost.getStatusCode().value()).isEqualTo(200);
        assertThat(lost.getBody().get("status")).isEqualTo("LOST");
        assertThat(lost.getBody().get("closeReason")).isEqualTo("价格太高");
        try (EventProbe probe = EventProbe.onSharedKafka(Topics.SALES)) {
            var event = probe.awaitEvent("crm.opportunity.lost.v1", id);
            assertThat(event.text("reason")).isEqualTo("价格太高");
            assertThat(event.text("fromStage")).isEqualTo("qualification");
            probe.assertAllMatchTheirSchemas();
        }
    }

    @Test
    void aStageSkipThatBreaksTheRulesIsRefusedNamingTheMissingFields() {
        ResponseEntity<Map> created = post(REP, URI, deal());
        String id = (String) created.getBody().get("id");

        ResponseEntity<Map> skip = put(REP, URI + "/" + id + "/stage", Map.of("stage", "negotiation"), etag(created));

        assertThat(skip.getStatusCode().value()).isEqualTo(422);
        assertThat(skip.getBody().get("type")).isEqualTo("urn:crm:problem:business-rule-violated");
        assertThat(fields(skip)).containsExactly("amount", "expectedCloseDate", "lineItems");
        assertThat(get(REP, URI + "/" + id).getBody().get("stage")).isEqualTo("qualification");

        ResponseEntity<Map> startAtProposal = post(REP, URI, deal("stage", "proposal", "amount", "10"));
        assertThat(startAtProposal.getStatusCode().value()).isEqualTo(422);
        assertThat(fields(startAtProposal)).containsExactly("expectedCloseDate");
    }

    @Test
    void refusesBadMoneyAndPastCloseDatesBeforeWritingAnything() {
        long before = count("opportunity");

        ResponseEntity<Map> negative = post(REP, URI, deal("amount", "-1.00"));
        assertThat(negative.getStatusCode().value()).isEqualTo(400);
        assertThat(fields(negative)).containsExactly("amount");

        ResponseEntity<Map> unknownCurrency = post(REP, URI, deal("amount", "1.00", "currency", "XYZ"));
        assertThat(unknownCurrency.getStatusCode().value()).isEqualTo(400);
        assertThat(fields(unknownCurrency)).containsExactly("currency");

        ResponseEntity<Map> past = post(REP, URI, deal("expectedCloseDate", LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(2).toString()));
        assertThat(past.getStatusCode().value()).isEqualTo(400);
        assertThat(fields(past)).containsExactly("expectedCloseDate");

        ResponseEntity<Map> otherCurrency = post(REP, URI, deal("currency", "USD",
                "lineItems", List.of(Map.of("product", "WMS", "quantity", 1, "unitPrice", "5.00", "currency", "CNY"))));
        assertThat(otherCurrency.getStatusCode().value()).isEqualTo(400);
        assertThat(fields(otherCurrency)).containsExactly("lineItems[0].currency");

        ResponseEntity<Map> negativePrice = post(REP, URI, deal("lineItems", List.of(Map.of("product", "WMS", "quantity", 1, "unitPrice", "-5"))));
        assertThat(negativePrice.getStatusCode().value()).isEqualTo(400);
        assertThat(fields(negativePrice)).containsExactly("lineItems[0].unitPrice");

        assertThat(count("opportunity")).isEqualTo(before);
    }

    @Test
    void aStageMoveNeedsTheCurrentVersion() {
        ResponseEntity<Map> created = post(REP, URI, deal());
        String id = (String) created.getBody().get("id");

        ResponseEntity<Map> missing = put(REP, URI + "/" + id + "/stage", Map.of("stage", "needs-analysis"), null);
        assertThat(missing.getStatusCode().value()).isEqualTo(428);

        assertThat(put(REP, URI + "/" + id + "/stage", Map.of("stage", "needs-analysis"), etag(created)).getStatusCode().value()).isEqualTo(200);
        ResponseEntity<Map> stale = put(REP, URI + "/" + id + "/stage", Map.of("stage", "lost", "reason", "budget cut"), etag(created));
        assertThat(stale.getStatusCode().value()).isEqualTo(412);
        assertThat(stale.getBody().get("type")).isEqualTo("urn:crm:problem:stale-version");
        assertThat(get(REP, URI + "/" + id).getBody().get("stage")).isEqualTo("needs-analysis");
    }

    @Test
    void repsSeeTheirTeamsDealsManagersTheirDepartmentsAdminsAll() {
        String id = (String) post(REP, URI, deal()).getBody().get("id");

        assertThat(get(REP_WEST, URI + "/" + id).getStatusCode().value()).isEqualTo(403);
        assertThat(get(MANAGER, URI + "/" + id).getStatusCode().value()).isEqualTo(200);
        assertThat(get(ADMIN, URI + "/" + id).getStatusCode().value()).isEqualTo(200);
        assertThat(items(get(REP_WEST, URI + "?size=100"))).noneMatch(item -> id.equals(item.get("id")));
        assertThat(items(get(MANAGER, URI + "?size=100"))).anyMatch(item -> id.equals(item.get("id")));
        assertThat(post(ANALYST, URI, deal()).getStatusCode().value()).isEqualTo(403);
        assertThat(get(REP, URI + "/" + UUID.randomUUID()).getStatusCode().value()).isEqualTo(404);
    }
}
