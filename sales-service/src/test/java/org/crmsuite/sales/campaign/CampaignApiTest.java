package org.crmsuite.sales.campaign;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.crmsuite.sales.ApiTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

class CampaignApiTest extends ApiTestSupport {

    static final String URI = "/api/v1/sales/campaigns";
    static final String DEALS = "/api/v1/sales/opportunities";
    static final String TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();

    void win(String campaignId, String price, String currency) {
        ResponseEntity<Map> deal = post(REP, DEALS, Map.of("name", "Campaign deal", "customerId", UUID.randomUUID().toString(),
                "currency", currency, "expectedCloseDate", TODAY, "campaignId", campaignId,
                "lineItems", List.of(Map.of("product", "CRM seats", "quantity", 1, "unitPrice", price))));
        assertThat(put(REP, DEALS + "/" + deal.getBody().get("id") + "/stage", Map.of("stage", "won"), etag(deal)).getStatusCode().value())
                .isEqualTo(200);
    }

    @Test
    void attributesWonRevenueAndComputesRoiInTheCampaignsCurrency() {
        ResponseEntity<Map> planned = post(MARKETING, URI, Map.of("name", "2026 智能制造峰会", "type", "EVENT", "channel", "trade show",
                "budget", "60000", "actualCost", "50000.00", "startsOn", "2026-11-01", "endsOn", "2026-11-30"));
        assertThat(planned.getStatusCode().value()).isEqualTo(201);
        String id = (String) planned.getBody().get("id");
        assertThat(planned.getBody().get("roi")).isEqualTo(-1.0);                 // nothing won yet: (0 − 50 000) / 50 000

        win(id, "100000.00", "CNY");
        win(id, "50000.00", "CNY");
        win(id, "7000.00", "USD");
        post(REP, DEALS, Map.of("name", "Open deal", "customerId", UUID.randomUUID().toString(), "amount", "999999", "campaignId", id));

        Map<String, Object> campaign = get(MARKETING, URI + "/" + id).getBody();
        assertThat(campaign.get("attributedRevenue")).isEqualTo("150000.00");
        assertThat(campaign.get("roi")).isEqualTo(2.0);                           // (150 000 − 50 000) / 50 000
        assertThat(campaign.get("attributedRevenueInOtherCurrencies")).isEqualTo(List.of(Map.of("amount", "7000.00", "currency", "USD")));
    }

    @Test
    void refusesNegativeMoneyUnknownCurrenciesAndBackwardPeriods() {
        ResponseEntity<Map> bad = post(MARKETING, URI, Map.of("name", "Bad", "type", "EMAIL", "channel", "email", "budget", "-1",
                "actualCost", "-2", "currency", "QQQ", "startsOn", "2026-12-01", "endsOn", "2026-11-01"));
        assertThat(bad.getStatusCode().value()).isEqualTo(400);
        assertThat(fields(bad)).containsExactlyInAnyOrder("budget", "actualCost", "currency", "endsOn");
        assertThat(post(REP, URI, Map.of("name", "X", "type", "EMAIL", "channel", "email", "budget", "1", "startsOn", "2026-12-01",
                "endsOn", "2026-12-02")).getStatusCode().value()).isEqualTo(403);
    }
}
