package org.crmsuite.sales.opportunity;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.crmsuite.sales.ApiTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

class OpportunityEditTest extends ApiTestSupport {

    static final String URI = "/api/v1/sales/opportunities";
    final String closeDate = LocalDate.now().plusMonths(2).toString();

    Map<String, Object> facts(Object amount) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "苏州工业园区 MES");
        body.put("amount", amount);
        body.put("currency", "CNY");
        body.put("expectedCloseDate", closeDate);
        body.put("competitors", List.of("用友"));
        return body;
    }

    ResponseEntity<Map> open() {
        Map<String, Object> body = facts("100000.00");
        body.put("customerId", UUID.randomUUID().toString());
        return post(REP, URI, body);
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> history(String id) {
        return http.get().uri(URI + "/" + id + "/history").header(HttpHeaders.AUTHORIZATION, "Bearer " + REP).retrieve().body(List.class);
    }

    @Test
    void anEditChangesTheFactsAndKeepsWhoChangedWhat() {
        ResponseEntity<Map> opened = open();
        String id = (String) opened.getBody().get("id");
        Map<String, Object> edit = facts("150000.50");
        edit.put("competitors", List.of("用友", "金蝶"));

        ResponseEntity<Map> edited = put(REP, URI + "/" + id, edit, etag(opened));

        assertThat(edited.getStatusCode().value()).isEqualTo(200);
        assertThat(edited.getBody().get("amount")).isEqualTo("150000.50");
        assertThat(edited.getBody().get("competitors")).isEqualTo(List.of("用友", "金蝶"));
        assertThat(history(id)).extracting(c -> c.get("field") + ":" + c.get("from") + "→" + c.get("to") + " by " + c.get("changedBy"))
                .containsExactly("amount:100000.00→150000.50 by rep", "competitors:用友→用友, 金蝶 by rep");
        assertThat(put(REP, URI + "/" + id, facts("1.00"), etag(opened)).getStatusCode().value()).isEqualTo(412);
        assertThat(put(REP, URI + "/" + id, facts("1.00"), null).getStatusCode().value()).isEqualTo(428);
        assertThat(put(REP_WEST, URI + "/" + id, facts("1.00"), etag(edited)).getStatusCode().value()).isEqualTo(403);
    }

    @Test
    void badFactsAreRefusedNamingTheField() {
        ResponseEntity<Map> opened = open();
        String id = (String) opened.getBody().get("id");
        assertThat(fields(put(REP, URI + "/" + id, facts("-5.00"), etag(opened)))).containsExactly("amount");
        Map<String, Object> currency = facts("5.00");
        currency.put("currency", "RMB");
        assertThat(fields(put(REP, URI + "/" + id, currency, etag(opened)))).containsExactly("currency");
        Map<String, Object> past = facts("5.00");
        past.put("expectedCloseDate", "2020-01-01");
        assertThat(fields(put(REP, URI + "/" + id, past, etag(opened)))).containsExactly("expectedCloseDate");
        assertThat(history(id)).isEmpty();
    }

    @Test
    void theCurrentStagesRulesStillHold() {
        ResponseEntity<Map> opened = open();
        String id = (String) opened.getBody().get("id");
        ResponseEntity<Map> proposal = put(REP, URI + "/" + id + "/stage", Map.of("stage", "proposal"), etag(opened));
        assertThat(proposal.getStatusCode().value()).isEqualTo(200);

        ResponseEntity<Map> cleared = put(REP, URI + "/" + id, facts(null), etag(proposal));
        assertThat(cleared.getStatusCode().value()).isEqualTo(422);
        assertThat(fields(cleared)).containsExactly("amount");
        assertThat(get(REP, URI + "/" + id).getBody().get("amount")).isEqualTo("100000.00");

        ResponseEntity<Map> lost = put(REP, URI + "/" + id + "/stage", Map.of("stage", "lost", "reason", "价格"), etag(proposal));
        assertThat(put(REP, URI + "/" + id, facts("1.00"), etag(lost)).getStatusCode().value()).isEqualTo(422);
    }
}
