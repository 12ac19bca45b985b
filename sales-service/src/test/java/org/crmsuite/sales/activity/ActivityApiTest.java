package org.crmsuite.sales.activity;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.crmsuite.sales.ApiTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

class ActivityApiTest extends ApiTestSupport {

    static final String URI = "/api/v1/sales/activities";

    String lead() {
        return (String) post(REP, "/api/v1/sales/leads", Map.of("company", "常州新材料有限公司", "source", "REFERRAL")).getBody().get("id");
    }

    Map<String, Object> visit(String leadId) {
        Map<String, Object> body = new HashMap<>();
        body.put("type", "VISIT");
        body.put("subject", "拜访采购部");
        body.put("dueAt", "2030-01-12T02:00:00Z");
        body.put("remindAt", "2030-01-11T09:00:00Z");
        body.put("leadId", leadId);
        return body;
    }

    @Test
    void anActivityIsPlannedThenCompletedAndNeitherTwice() {
        String leadId = lead();
        ResponseEntity<Map> planned = post(REP, URI, visit(leadId));
        assertThat(planned.getStatusCode().value()).isEqualTo(201);
        assertThat(planned.getBody().get("status")).isEqualTo("PLANNED");
        assertThat(planned.getBody().get("ownerId")).isEqualTo("rep");
        String id = (String) planned.getBody().get("id");
        assertThat(items(get(REP, URI + "?leadId=" + leadId))).extracting(item -> item.get("id")).containsExactly(id);

        assertThat(post(REP, URI + "/" + id + "/completion", Map.of("text", "同意报价"), null).getStatusCode().value()).isEqualTo(428);
        ResponseEntity<Map> done = post(REP, URI + "/" + id + "/completion", Map.of("text", "同意报价"), etag(planned));
        assertThat(done.getStatusCode().value()).isEqualTo(200);
        assertThat(done.getBody().get("status")).isEqualTo("COMPLETED");
        assertThat(done.getBody().get("outcome")).isEqualTo("同意报价");
        assertThat(post(REP, URI + "/" + id + "/cancellation", Map.of(), etag(planned)).getStatusCode().value()).isEqualTo(412);
        assertThat(post(REP, URI + "/" + id + "/cancellation", Map.of(), etag(done)).getStatusCode().value()).isEqualTo(422);
    }

    @Test
    void refusesBadInputAndStrangers() {
        Map<String, Object> unlinked = visit(null);
        unlinked.remove("leadId");
        ResponseEntity<Map> noLink = post(REP, URI, unlinked);
        assertThat(noLink.getStatusCode().value()).isEqualTo(400);
        assertThat(fields(noLink)).contains("leadId", "opportunityId", "customerId");

        Map<String, Object> late = visit(lead());
        late.put("remindAt", "2030-01-13T00:00:00Z");
        assertThat(fields(post(REP, URI, late))).containsExactly("remindAt");

        ResponseEntity<Map> unknown = post(REP, URI, visit(UUID.randomUUID().toString()));
        assertThat(unknown.getStatusCode().value()).isEqualTo(400);
        assertThat(fields(unknown)).containsExactly("leadId");

        Map<String, Object> bad = visit(lead());
        bad.put("type", "LUNCH");
        assertThat(post(REP, URI, bad).getStatusCode().value()).isEqualTo(400);

        String id = (String) post(REP, URI, visit(lead())).getBody().get("id");
        assertThat(get(REP_WEST, URI + "/" + id).getStatusCode().value()).isEqualTo(403);
        assertThat(get(MANAGER, URI + "/" + id).getStatusCode().value()).isEqualTo(200);
        assertThat(post(MARKETING, URI, visit(lead())).getStatusCode().value()).isEqualTo(403);
    }

    @Test
    void aFollowUpPlanIsStartedAndStopped() {
        ResponseEntity<Map> started = post(REP, "/api/v1/sales/follow-up-plans", Map.of("customerId", UUID.randomUUID().toString(),
                "subject", "季度回访", "every", 2, "unit", "WEEKS", "firstVisitAt", "2099-03-01T02:00:00Z"));
        assertThat(started.getStatusCode().value()).isEqualTo(201);
        assertThat(started.getBody().get("nextPeriod")).isEqualTo(0);
        String id = (String) started.getBody().get("id");
        ResponseEntity<Map> stopped = post(REP, "/api/v1/sales/follow-up-plans/" + id + "/stop", null, etag(started));
        assertThat(stopped.getStatusCode().value()).isEqualTo(200);
        assertThat(stopped.getBody().get("active")).isEqualTo(false);

        ResponseEntity<Map> past = post(REP, "/api/v1/sales/follow-up-plans", Map.of("customerId", UUID.randomUUID().toString(),
                "subject", "回访", "every", 0, "unit", "DAYS", "firstVisitAt", "2020-03-01T02:00:00Z"));
        assertThat(fields(past)).contains("every");
    }
}
