package org.crmsuite.customer.quality;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.crmsuite.customer.ApiTestSupport;
import org.crmsuite.platform.events.EventSchemas;
import org.crmsuite.platform.events.Topics;
import org.crmsuite.platform.test.EventProbe;
import org.crmsuite.platform.test.TestIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 6: data-quality issues assigned to stewards, announced by crm.customer.quality-issue-assigned.v1. */
@SuppressWarnings({"unchecked", "rawtypes"})
class QualityIssueApiTest extends ApiTestSupport {

    static final String ASSIGNED = "crm.customer.quality-issue-assigned.v1";
    static final String STEWARD_LI = TestIssuer.get().token("steward.li", List.of("data-steward"), List.of("/data-office"));
    static final String SERVICE_MANAGER = TestIssuer.get().token("service.manager", List.of("service-manager"), List.of("/service"));

    private final JsonMapper json = JsonMapper.builder().build();
    private final EventSchemas schemas = new EventSchemas();

    private String customer(String department) {
        ResponseEntity<Map> created = post(STEWARD, "/api/v1/customers", Map.of("legalName", QualityScoredEventsTest.randomName(),
                "department", department));
        assertThat(created.getStatusCode().value()).as(String.valueOf(created.getBody())).isEqualTo(201);
        return (String) created.getBody().get("id");
    }

    private static String department() {
        return "/sales/east/i" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Map<String, Object> issue(Object... keyValues) {
        Map<String, Object> body = new HashMap<>(Map.of("kind", "MISSING_FIELD", "field", "uscc", "assignee", "steward"));
        for (int i = 0; i < keyValues.length; i += 2) {
            body.put((String) keyValues[i], keyValues[i + 1]);
        }
        return body;
    }

    /** The assignment payloads recorded for the issue, oldest first, each checked against the schema. */
    private List<JsonNode> assigned(Object customerId, Object issueId) {
        List<JsonNode> payloads = db.sql("""
                        SELECT payload::text FROM outbox_event WHERE event_type = :type AND event_key = :key ORDER BY position""")
                .param("type", ASSIGNED).param("key", customerId.toString()).query(String.class).list().stream()
                .map(json::readTree).filter(p -> p.get("issueId").asString().equals(issueId.toString())).toList();
        payloads.forEach(p -> assertThat(schemas.violations(ASSIGNED, p)).as(p.toString()).isEmpty());
        return payloads;
    }

    @Test
    void aStewardAssignsReassignsAndTheAssigneeResolves() {
        String department = department();
        String id = customer(department);
        String due = Instant.now().plus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        ResponseEntity<Map> created = post(STEWARD, "/api/v1/customers/" + id + "/quality/issues",
                issue("dueAt", due, "note", "营业执照上有统一社会信用代码，请补全\n谢谢"));
        assertThat(created.getStatusCode().value()).as(String.valueOf(created.getBody())).isEqualTo(201);
        assertThat(etag(created)).isEqualTo("\"0\"");
        Map<String, Object> body = created.getBody();
        String issueId = (String) body.get("issueId");
        assertThat(created.getHeaders().getLocation()).hasToString("/api/v1/customers/" + id + "/quality/issues/" + issueId);
        assertThat(body).containsEntry("customerId", id).containsEntry("kind", "MISSING_FIELD").containsEntry("field", "uscc")
                .containsEntry("assignee", "steward").containsEntry("assignedBy", "steward").containsEntry("status", "OPEN")
                .containsEntry("dueAt", due).containsEntry("version", 0).containsEntry("department", department)
                .containsKeys("customerCode", "assignedAt");
        int score = (Integer) get(STEWARD, "/api/v1/customers/" + id + "/quality").getBody().get("score");

        try (EventProbe probe = EventProbe.onSharedKafka(Topics.CUSTOMER)) {
            var event = probe.awaitEvent(e -> e.type().equals(ASSIGNED) && issueId.equals(e.text("issueId")));
            assertThat(event.subject()).isEqualTo(id);
            assertThat(event.text("assignee")).isEqualTo("steward");
            assertThat(event.text("customerCode")).isEqualTo(body.get("customerCode"));
            assertThat(event.text("department")).isEqualTo(department);
            assertThat(event.data().get("score").asInt()).isEqualTo(score);
            probe.assertAllMatchTheirSchemas();
        }

        String issueUri = "/api/v1/customers/" + id + "/quality/issues/" + issueId;
        Map<String, Object> toLi = Map.of("assignee", "steward.li", "note", "张三休假，请李四跟进");
        assertThat(put(STEWARD, issueUri + "/assignee", toLi, null).getStatusCode().value()).isEqualTo(428);
        ResponseEntity<Map> stale = put(STEWARD, issueUri + "/assignee", toLi, "\"7\"");
        assertThat(stale.getStatusCode().value()).isEqualTo(412);
        assertThat(stale.getBody()).containsEntry("currentVersion", 0);
        ResponseEntity<Map> reassigned = put(STEWARD, issueUri + "/assignee", toLi, etag(created));
        assertThat(reassigned.getStatusCode().value()).as(String.valueOf(reassigned.getBody())).isEqualTo(200);
        assertThat(etag(reassigned)).isEqualTo("\"1\"");
        assertThat(reassigned.getBody()).containsEntry("assignee", "steward.li").containsEntry("dueAt", due)
                .containsEntry("note", "张三休假，请李四跟进");
        // a second steward who read version 0 loses: optimistic locking
        assertThat(put(ADMIN, issueUri + "/assignee", Map.of("assignee", "steward"), etag(created)).getStatusCode().value())
                .isEqualTo(412);
        assertThat(assigned(id, issueId)).hasSize(2).last().satisfies(e -> {
            assertThat(e.get("assignee").asString()).isEqualTo("steward.li");
            assertThat(e.get("note").asString()).isEqualTo("张三休假，请李四跟进");
        });

        // only the assignee (or an admin) resolves
        assertThat(post(STEWARD, issueUri + "/resolution", Map.of("resolution", "done")).getStatusCode().value()).isEqualTo(403);
        ResponseEntity<Map> resolved = post(STEWARD_LI, issueUri + "/resolution", Map.of("resolution", "已补全"));
        assertThat(resolved.getStatusCode().value()).as(String.valueOf(resolved.getBody())).isEqualTo(200);
        assertThat(resolved.getBody()).containsEntry("status", "RESOLVED").containsEntry("resolvedBy", "steward.li")
                .containsEntry("resolution", "已补全").containsKey("resolvedAt");
        ResponseEntity<Map> again = post(STEWARD_LI, issueUri + "/resolution", null);
        assertThat(again.getStatusCode().value()).isEqualTo(409);
        assertThat(again.getBody().get("type")).isEqualTo("urn:crm:problem:conflict");
        assertThat(put(STEWARD, issueUri + "/assignee", Map.of("assignee", "steward"), etag(resolved)).getStatusCode().value())
                .isEqualTo(409);
        assertThat(assigned(id, issueId)).hasSize(2);
        assertThat(get(STEWARD_LI, issueUri).getBody()).containsEntry("status", "RESOLVED");
    }

    @Test
    void theWorkListShowsOldestDueFirstToStewardsAndTheirDepartmentToManagers() {
        String department = department();
        String id = customer(department);
        String assignee = "steward." + UUID.randomUUID().toString().substring(0, 8);
        String uri = "/api/v1/customers/" + id + "/quality/issues";
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String later = (String) post(ADMIN, uri, issue("assignee", assignee, "dueAt", now.plus(9, ChronoUnit.DAYS).toString()))
                .getBody().get("issueId");
        String none = (String) post(ADMIN, uri, issue("assignee", assignee, "kind", "STALE", "field", null)).getBody().get("issueId");
        String sooner = (String) post(STEWARD, uri, issue("assignee", assignee, "kind", "SUSPECTED_DUPLICATE", "field", null,
                "dueAt", now.plus(2, ChronoUnit.DAYS).toString())).getBody().get("issueId");

        String list = "/api/v1/customers/quality/issues?assignee=" + assignee;
        ResponseEntity<Map> page = get(STEWARD, list + "&status=OPEN");
        assertThat(page.getStatusCode().value()).isEqualTo(200);
        assertThat(items(page)).extracting(i -> i.get("issueId")).containsExactly(sooner, later, none);
        assertThat(page.getBody()).containsEntry("totalItems", 1 * 3);
        assertThat(items(get(STEWARD, list + "&size=1&page=1"))).extracting(i -> i.get("issueId")).containsExactly(later);
        assertThat(items(get(STEWARD, list + "&status=RESOLVED"))).isEmpty();
        assertThat(items(get(STEWARD, list + "&department=" + department))).hasSize(3);
        assertThat(items(get(STEWARD, list + "&department=/service"))).isEmpty();

        // managers see their departments' customers' issues, not others'
        assertThat(items(get(MANAGER, list))).hasSize(3);
        assertThat(items(get(SERVICE_MANAGER, list))).isEmpty();
        assertThat(get(MANAGER, uri + "/" + sooner).getStatusCode().value()).isEqualTo(200);
        assertThat(get(SERVICE_MANAGER, uri + "/" + sooner).getStatusCode().value()).isEqualTo(403);
        // reps and analysts have no work list
        assertThat(get(REP, list).getStatusCode().value()).isEqualTo(403);
        assertThat(get(ANALYST, list).getStatusCode().value()).isEqualTo(403);
        assertThat(get(STEWARD, "/api/v1/customers/quality/issues?status=DONE").getStatusCode().value()).isEqualTo(400);
    }

    @Test
    void onlyStewardsAndAdminsAssign() {
        String id = customer(department());
        String uri = "/api/v1/customers/" + id + "/quality/issues";
        assertThat(post(REP, uri, issue()).getStatusCode().value()).isEqualTo(403);
        assertThat(post(MANAGER, uri, issue()).getStatusCode().value()).isEqualTo(403);
        assertThat(post(ANALYST, uri, issue()).getStatusCode().value()).isEqualTo(403);
        ResponseEntity<Map> byAdmin = post(ADMIN, uri, issue());
        assertThat(byAdmin.getStatusCode().value()).isEqualTo(201);
        String issueId = (String) byAdmin.getBody().get("issueId");
        assertThat(put(REP, uri + "/" + issueId + "/assignee", Map.of("assignee", "rep"), "\"0\"").getStatusCode().value()).isEqualTo(403);
        assertThat(post(REP, uri + "/" + issueId + "/resolution", null).getStatusCode().value()).isEqualTo(403);
        // the assignee "steward" resolves; an admin could too
        assertThat(post(STEWARD, uri + "/" + issueId + "/resolution", null, "\"0\"").getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void badInputIsRefusedWithTheFieldAndNothingIsWritten() {
        String id = customer(department());
        String uri = "/api/v1/customers/" + id + "/quality/issues";
        Map<String, String> refused = new java.util.LinkedHashMap<>();
        refused.put("kind", status(post(STEWARD, uri, issue("kind", "TYPO"))));
        refused.put("assignee", status(post(STEWARD, uri, issue("assignee", "  "))));
        refused.put("dueAt", status(post(STEWARD, uri, issue("dueAt", Instant.now().minus(1, ChronoUnit.DAYS).toString()))));
        refused.put("note", status(post(STEWARD, uri, issue("note", "很".repeat(2001)))));
        refused.put("field", status(post(STEWARD, uri, issue("field", null))));
        assertThat(refused).allSatisfy((field, result) -> assertThat(result).isEqualTo("400 " + field));
        assertThat(status(post(STEWARD, uri, issue("note", "bell\u0007")))).isEqualTo("400 note");
        assertThat(status(post(STEWARD, uri, issue("assignee", "ste\u0000ward")))).isEqualTo("400 assignee");
        assertThat(status(post(STEWARD, uri, issue("field", "uscc; DROP")))).isEqualTo("400 field");
        ResponseEntity<Map> problem = post(STEWARD, uri, issue("dueAt", "2020-01-01T00:00:00Z"));
        assertThat(problem.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(problem.getBody()).containsEntry("type", "urn:crm:problem:validation-failed");

        assertThat(post(STEWARD, "/api/v1/customers/" + UUID.randomUUID() + "/quality/issues", issue()).getStatusCode().value())
                .isEqualTo(404);
        assertThat(post(STEWARD, uri + "/" + UUID.randomUUID() + "/resolution", null).getStatusCode().value()).isEqualTo(404);

        // a merged customer tells where it went
        String survivor = customer(department());
        db.sql("UPDATE customer SET status = 'MERGED', merged_into = :survivor WHERE id = :id")
                .param("survivor", UUID.fromString(survivor)).param("id", UUID.fromString(id)).update();
        ResponseEntity<Map> merged = post(STEWARD, uri, issue());
        assertThat(merged.getStatusCode().value()).isEqualTo(409);
        assertThat(merged.getBody()).containsEntry("mergedInto", survivor);

        assertThat(db.sql("SELECT count(*) FROM quality_issue WHERE customer_id = :id").param("id", UUID.fromString(id))
                .query(Long.class).single()).isZero();
        assertThat(db.sql("SELECT count(*) FROM outbox_event WHERE event_type = :type AND event_key = :key")
                .param("type", ASSIGNED).param("key", id).query(Long.class).single()).isZero();
    }

    private static String status(ResponseEntity<Map> response) {
        List<String> fields = fields(response);
        return response.getStatusCode().value() + " " + String.join(",", fields);
    }
}
