package org.crmsuite.sales.forecast;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.crmsuite.platform.test.TestIssuer;
import org.crmsuite.sales.ApiTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

class ForecastApiTest extends ApiTestSupport {

    static final String NORTH_REP = TestIssuer.get().token("north.rep", List.of("sales-rep"), List.of("/sales/north"));
    static final String DEALS = "/api/v1/sales/opportunities";

    ResponseEntity<Map> deal(String amount, String currency, List<?> lines) {
        return post(NORTH_REP, DEALS, Map.of("name", "Forecast deal", "customerId", UUID.randomUUID().toString(), "amount", amount,
                "currency", currency, "expectedCloseDate", LocalDate.now(ZoneId.of("Asia/Shanghai")).toString(), "lineItems", lines));
    }

    @Test
    void weighsOpenDealsComparesWonWithTheQuotaAndKeepsCurrenciesApart() {
        String month = YearMonth.now(ZoneId.of("Asia/Shanghai")).toString();
        ResponseEntity<Map> proposal = deal("100000.00", "CNY", List.of());
        assertThat(put(NORTH_REP, DEALS + "/" + proposal.getBody().get("id") + "/stage", Map.of("stage", "proposal"), etag(proposal))
                .getStatusCode().value()).isEqualTo(200);                                          // 100 000 × 50 % = 50 000
        deal("40000.00", "CNY", List.of());                                                      //  40 000 × 10 % =  4 000
        ResponseEntity<Map> toWin = deal("30000.00", "CNY", List.of(Map.of("product", "MES", "quantity", 1, "unitPrice", "30000.00")));
        assertThat(put(NORTH_REP, DEALS + "/" + toWin.getBody().get("id") + "/stage", Map.of("stage", "won"), etag(toWin))
                .getStatusCode().value()).isEqualTo(200);
        deal("5000.00", "USD", List.of());                                                       //   5 000 × 10 % =    500 USD
        assertThat(put(NORTH_REP, "/api/v1/sales/quotas/north.rep/" + month, Map.of("amount", "120000"), null).getStatusCode().value()).isEqualTo(403);
        assertThat(put(MANAGER, "/api/v1/sales/quotas/north.rep/" + month, Map.of("amount", "120000"), null).getStatusCode().value()).isEqualTo(204);

        List<Map<String, Object>> rows = http.get().uri("/api/v1/sales/forecast?from=" + month + "&to=" + month)
                .header("Authorization", "Bearer " + NORTH_REP).retrieve().body(List.class);

        List<Map<String, Object>> mine = rows.stream().filter(row -> "north.rep".equals(row.get("ownerId"))).toList();
        assertThat(mine).extracting(row -> row.get("currency")).containsExactly("CNY", "USD");
        Map<String, Object> cny = mine.get(0);
        assertThat(cny.get("department")).isEqualTo("/sales/north");
        assertThat(cny.get("openDeals")).isEqualTo(2);
        assertThat(cny.get("pipeline")).isEqualTo("140000.00");
        assertThat(cny.get("weighted")).isEqualTo("54000.00");
        assertThat(cny.get("won")).isEqualTo("30000.00");
        assertThat(cny.get("quota")).isEqualTo("120000.00");
        assertThat(cny.get("attainment")).isEqualTo(0.25);
        Map<String, Object> usd = mine.get(1);
        assertThat(usd.get("weighted")).isEqualTo("500.00");
        assertThat(usd.get("quota")).isNull();
        assertThat(usd.get("attainment")).isNull();

        List<Map<String, Object>> seenByEast = http.get().uri("/api/v1/sales/forecast?from=" + month + "&to=" + month)
                .header("Authorization", "Bearer " + REP).retrieve().body(List.class);
        assertThat(seenByEast).noneMatch(row -> "north.rep".equals(row.get("ownerId")));
    }

    @Test
    void refusesBadPeriodsAndNegativeQuotas() {
        assertThat(get(REP, "/api/v1/sales/forecast?from=2026-13&to=2027-01").getStatusCode().value()).isEqualTo(400);
        assertThat(fields(get(REP, "/api/v1/sales/forecast?from=2027-02&to=2027-01"))).containsExactly("to");
        ResponseEntity<Map> negative = put(MANAGER, "/api/v1/sales/quotas/rep/2026-12", Map.of("amount", "-1"), null);
        assertThat(negative.getStatusCode().value()).isEqualTo(400);
        assertThat(fields(negative)).containsExactly("amount");
        assertThat(fields(put(MANAGER, "/api/v1/sales/quotas/rep/2026-12", Map.of("amount", "1", "currency", "ABC"), null))).containsExactly("currency");
    }
}
