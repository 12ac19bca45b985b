package org.crmsuite.customer.contact;

import java.util.List;
import java.util.Map;

import org.crmsuite.customer.ApiTestSupport;
import org.crmsuite.platform.events.Topics;
import org.crmsuite.platform.test.EventProbe;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 3, part 1: never hard-deleted; erasure by stewards and admins only, anonymising customer and contacts. */
@SuppressWarnings({"unchecked", "rawtypes"})
class CustomerErasureApiTest extends ApiTestSupport {

    @Test
    void onlyStewardsAndAdminsEraseAndNothingIdentifyingRemains() {
        String uscc = uscc();
        ResponseEntity<Map> created = post(REP, "/api/v1/customers", Map.of("legalName", "个体户王小二五金店", "uscc", uscc,
                "phone", "13600001111", "street", "中山路 8 号", "province", "福建省", "city", "福州市"));
        String customer = created.getHeaders().getLocation().toString();
        String id = (String) created.getBody().get("id");
        String contactId = (String) post(REP, customer + "/contacts", Map.of("name", "王小二", "phones", List.of("13600001111")))
                .getBody().get("id");

        assertThat(post(REP, customer + "/erase", Map.of("reason", "request")).getStatusCode().value()).isEqualTo(403);
        assertThat(post(MANAGER, customer + "/erase", Map.of("reason", "request")).getStatusCode().value()).isEqualTo(403);
        assertThat(delete(ADMIN, customer, etag(created)).getStatusCode().value()).isEqualTo(405);

        ResponseEntity<Map> erased = post(ADMIN, customer + "/erase", Map.of("reason", "本人要求"));
        assertThat(erased.getStatusCode().value()).isEqualTo(200);
        assertThat(erased.getBody()).containsEntry("status", "ERASED");

        Map<String, Object> record = get(STEWARD, customer).getBody();
        assertThat(record).containsEntry("status", "ERASED").containsEntry("province", "福建省").containsEntry("city", "福州市")
                .doesNotContainKeys("uscc", "phone", "street");
        assertThat((String) record.get("legalName")).startsWith("已删除客户");
        String everything = http.get().uri(customer + "/history?size=200").header("Authorization", "Bearer " + STEWARD).retrieve().body(String.class)
                + http.get().uri(customer + "/contacts/" + contactId).header("Authorization", "Bearer " + STEWARD).retrieve().body(String.class);
        assertThat(everything).doesNotContain("王小二", uscc, "13600001111", "中山路");
        assertThat(put(REP, customer, Map.of("legalName", "复活"), "\"" + record.get("version") + "\"").getStatusCode().value()).isEqualTo(422);
        assertThat(post(ADMIN, customer + "/erase", null).getStatusCode().value()).isEqualTo(200);

        try (EventProbe probe = EventProbe.onSharedKafka(Topics.CUSTOMER)) {
            var event = probe.awaitEvent("crm.customer.erased.v1", id);
            assertThat(event.data().get("erasedContactIds").toString()).contains(contactId);
            probe.awaitEvent(e -> e.type().equals("crm.contact.erased.v1") && contactId.equals(e.text("contactId")));
            probe.assertAllMatchTheirSchemas();
        }
    }
}
