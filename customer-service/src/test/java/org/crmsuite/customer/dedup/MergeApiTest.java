package org.crmsuite.customer.dedup;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.crmsuite.customer.ApiTestSupport;
import org.crmsuite.platform.events.Topics;
import org.crmsuite.platform.test.EventProbe;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 3, part 6: a steward merges a duplicate into a survivor, and can undo it. */
@SuppressWarnings({"unchecked", "rawtypes"})
class MergeApiTest extends ApiTestSupport {

    static final String CUSTOMERS = "/api/v1/customers";

    @Test
    void aMergeMovesContactsAndGroupMembersAndLeavesARedirectThatCanBeUndone() {
        String uscc = uscc();
        ResponseEntity<Map> survivor = create(Map.of("legalName", "青岛海岸电子有限公司", "tags", List.of("华北"), "marketingConsent", true));
        ResponseEntity<Map> loser = create(Map.of("legalName", "青岛海岸电子科技有限公司", "uscc", uscc, "phone", "0532-88886666",
                "tags", List.of("电子"), "doNotContact", true));
        String survivorUri = survivor.getHeaders().getLocation().toString();
        String loserUri = loser.getHeaders().getLocation().toString();
        String survivorId = (String) survivor.getBody().get("id");
        String loserId = (String) loser.getBody().get("id");
        post(REP, survivorUri + "/contacts", Map.of("name", "孙丽", "primary", true));
        post(REP, loserUri + "/contacts", Map.of("name", "周强", "primary", true));
        post(REP, loserUri + "/contacts", Map.of("name", "吴敏"));
        ResponseEntity<Map> member = create(Map.of("legalName", "海岸电子青岛销售分部", "parentId", loserId));

        ResponseEntity<Map> merged = post(STEWARD, survivorUri + "/merge", Map.of("loserId", loserId,
                "loserVersion", loser.getBody().get("version"), "fields", Map.of("legalName", "LOSER")), etag(survivor));

        assertThat(merged.getStatusCode().value()).isEqualTo(200);
        assertThat(merged.getBody()).containsEntry("survivorId", survivorId).containsEntry("loserId", loserId).containsKey("undoableUntil");
        assertThat((List<Object>) merged.getBody().get("movedContactIds")).hasSize(2);
        Map<String, Object> kept = get(STEWARD, survivorUri).getBody();
        assertThat(kept).containsEntry("legalName", "青岛海岸电子科技有限公司").containsEntry("uscc", uscc)
                .containsEntry("phone", "+8653288886666").containsEntry("doNotContact", true).containsEntry("marketingConsent", false);
        assertThat((List<Object>) kept.get("tags")).containsExactlyInAnyOrder("华北", "电子");
        List<Map<String, Object>> contacts = http.get().uri(survivorUri + "/contacts").header("Authorization", "Bearer " + STEWARD)
                .retrieve().body(List.class);
        assertThat(contacts).extracting(c -> c.get("name")).containsExactlyInAnyOrder("孙丽", "周强", "吴敏");
        assertThat(contacts).filteredOn(c -> Boolean.TRUE.equals(c.get("primary"))).extracting(c -> c.get("name")).containsExactly("孙丽");

        ResponseEntity<Map> redirect = get(REP, loserUri);
        assertThat(redirect.getStatusCode().value()).isEqualTo(200);
        assertThat(redirect.getBody()).containsEntry("status", "MERGED").containsEntry("mergedInto", survivorId);
        assertThat(get(REP, member.getHeaders().getLocation().toString()).getBody()).containsEntry("parentId", survivorId);

        try (EventProbe probe = EventProbe.onSharedKafka(Topics.CUSTOMER)) {
            var event = probe.awaitEvent("crm.customer.merged.v1", loserId);
            assertThat(event.text("survivorId")).isEqualTo(survivorId);
            assertThat(event.data().get("movedContactIds").size()).isEqualTo(2);
            probe.awaitEvent(e -> e.type().equals("crm.customer.updated.v1") && survivorId.equals(e.subject())
                    && e.data().get("changedFields").toString().contains("uscc"));
            probe.assertAllMatchTheirSchemas();
        }

        String mergeId = (String) merged.getBody().get("mergeId");
        ResponseEntity<Map> undone = post(STEWARD, survivorUri + "/merges/" + mergeId + "/undo", null);
        assertThat(undone.getStatusCode().value()).isEqualTo(200);
        assertThat(undone.getBody()).containsKey("undoneAt");
        assertThat(get(REP, loserUri).getBody()).containsEntry("status", "ACTIVE").containsEntry("uscc", uscc).doesNotContainKey("mergedInto");
        assertThat(get(REP, survivorUri).getBody()).containsEntry("legalName", "青岛海岸电子有限公司").doesNotContainKey("uscc");
        List<Map<String, Object>> back = http.get().uri(loserUri + "/contacts").header("Authorization", "Bearer " + REP).retrieve().body(List.class);
        assertThat(back).extracting(c -> c.get("name")).containsExactly("周强", "吴敏");
        assertThat(back.get(0)).containsEntry("primary", true);
        assertThat(get(REP, member.getHeaders().getLocation().toString()).getBody()).containsEntry("parentId", loserId);
        assertThat(post(STEWARD, survivorUri + "/merges/" + mergeId + "/undo", null).getStatusCode().value()).isEqualTo(422);

        try (EventProbe probe = EventProbe.onSharedKafka(Topics.CUSTOMER)) {
            probe.awaitEvent("crm.customer.merge-undone.v1", loserId);
            probe.assertAllMatchTheirSchemas();
        }
    }

    @Test
    void mergingIntoItselfIntoOrFromAMergedCustomerAndWithoutRightsIsRefused() {
        ResponseEntity<Map> a = create(Map.of("legalName", "合并规则甲有限公司"));
        ResponseEntity<Map> b = create(Map.of("legalName", "合并规则乙有限公司"));
        ResponseEntity<Map> c = create(Map.of("legalName", "合并规则丙有限公司"));
        String aUri = a.getHeaders().getLocation().toString();
        String aId = (String) a.getBody().get("id");
        String bId = (String) b.getBody().get("id");
        long eventsBefore = count("outbox_event");

        ResponseEntity<Map> itself = post(STEWARD, aUri + "/merge", Map.of("loserId", aId), etag(a));
        assertThat(itself.getStatusCode().value()).isEqualTo(422);
        assertThat(fields(itself)).containsExactly("loserId");
        assertThat(post(REP, aUri + "/merge", Map.of("loserId", bId), etag(a)).getStatusCode().value()).isEqualTo(403);
        assertThat(post(STEWARD, aUri + "/merge", Map.of("loserId", bId), null).getStatusCode().value()).isEqualTo(428);
        assertThat(post(STEWARD, aUri + "/merge", Map.of("loserId", bId), "\"9\"").getStatusCode().value()).isEqualTo(412);
        assertThat(post(STEWARD, aUri + "/merge", Map.of("loserId", bId, "loserVersion", 9), etag(a)).getStatusCode().value()).isEqualTo(412);
        ResponseEntity<Map> unknownField = post(STEWARD, aUri + "/merge", Map.of("loserId", bId, "fields", Map.of("colour", "LOSER")), etag(a));
        assertThat(unknownField.getStatusCode().value()).isEqualTo(400);
        assertThat(post(STEWARD, aUri + "/merge", Map.of("loserId", bId, "fields", Map.of("legalName", "BOTH")), etag(a))
                .getStatusCode().value()).isEqualTo(400);
        assertThat(count("outbox_event")).isEqualTo(eventsBefore);

        ResponseEntity<Map> merged = post(STEWARD, aUri + "/merge", Map.of("loserId", bId), etag(a));
        assertThat(merged.getStatusCode().value()).isEqualTo(200);

        ResponseEntity<Map> again = post(STEWARD, aUri + "/merge", Map.of("loserId", bId), etag(merged));
        assertThat(again.getStatusCode().value()).isEqualTo(422);
        assertThat(fields(again)).containsExactly("loserId");
        ResponseEntity<Map> intoMerged = post(STEWARD, b.getHeaders().getLocation() + "/merge", Map.of("loserId", c.getBody().get("id")),
                "\"" + get(STEWARD, b.getHeaders().getLocation().toString()).getBody().get("version") + "\"");
        assertThat(intoMerged.getStatusCode().value()).isEqualTo(422);
        assertThat(fields(intoMerged)).containsExactly("survivorId");
        assertThat(put(REP, b.getHeaders().getLocation().toString(), Map.of("legalName", "改"), "\"1\"").getStatusCode().value())
                .isIn(412, 422);

        // The survivor changed after the merge: undoing would lose that change.
        put(STEWARD, aUri, Map.of("legalName", "合并规则甲有限公司", "industry", "服务业"), etag(merged));
        ResponseEntity<Map> lateUndo = post(STEWARD, aUri + "/merges/" + merged.getBody().get("mergeId") + "/undo", null);
        assertThat(lateUndo.getStatusCode().value()).isEqualTo(409);
    }

    private ResponseEntity<Map> create(Map<String, Object> body) {
        Map<String, Object> request = new HashMap<>(body);
        request.put("createAnyway", true);
        ResponseEntity<Map> created = post(REP, CUSTOMERS, request);
        assertThat(created.getStatusCode().value()).isEqualTo(201);
        return created;
    }
}
