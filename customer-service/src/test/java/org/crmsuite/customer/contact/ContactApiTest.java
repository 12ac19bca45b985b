package org.crmsuite.customer.contact;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.crmsuite.customer.ApiTestSupport;
import org.crmsuite.platform.events.Topics;
import org.crmsuite.platform.test.EventProbe;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 3, part 3: contacts, their personal data, masking, export and erasure. */
@SuppressWarnings({"unchecked", "rawtypes"})
class ContactApiTest extends ApiTestSupport {

    @Test
    void aContactIsStandardisedAndPublishedWithoutPersonalData() {
        String customer = customer("杭州联系人测试有限公司");
        ResponseEntity<Map> added = post(REP, customer + "/contacts", Map.of("name", " 张伟 ", "title", "采购经理",
                "phones", List.of("138 1234 5678", "010-12345678", "+86 138-1234-5678"), "email", " Zhang.Wei@Example.CN ",
                "preferredChannel", "WECHAT", "primary", true));

        assertThat(added.getStatusCode().value()).isEqualTo(201);
        assertThat(etag(added)).isEqualTo("\"0\"");
        assertThat(added.getBody()).containsEntry("name", "张伟").containsEntry("email", "zhang.wei@example.cn")
                .containsEntry("primary", true).containsEntry("status", "ACTIVE");
        assertThat((List<Object>) added.getBody().get("phones")).containsExactly("+8613812345678", "+861012345678");

        String customerId = customer.substring(customer.lastIndexOf('/') + 1);
        try (EventProbe probe = EventProbe.onSharedKafka(Topics.CUSTOMER)) {
            var event = probe.awaitEvent("crm.contact.added.v1", customerId);
            assertThat(event.text("contactId")).isEqualTo(added.getBody().get("id"));
            assertThat(event.text("title")).isEqualTo("采购经理");
            assertThat(event.data().toString()).doesNotContain("张伟", "13812345678", "zhang.wei");
            probe.assertAllMatchTheirSchemas();
        }
    }

    @Test
    void badPhonesAndEmailsAreRefusedAndNothingIsWritten() {
        String customer = customer("坏电话测试有限公司");
        long contactsBefore = count("contact");
        long eventsBefore = count("outbox_event");

        ResponseEntity<Map> badPhone = post(REP, customer + "/contacts", Map.of("name", "李娜", "phones", List.of("13812345678", "12345")));
        assertThat(badPhone.getStatusCode().value()).isEqualTo(400);
        assertThat(fields(badPhone)).containsExactly("phones[1]");

        ResponseEntity<Map> badEmail = post(REP, customer + "/contacts", Map.of("name", "李娜", "email", "li.na@@example"));
        assertThat(badEmail.getStatusCode().value()).isEqualTo(400);
        assertThat(fields(badEmail)).containsExactly("email");

        ResponseEntity<Map> control = post(REP, customer + "/contacts", Map.of("name", "李\u0000娜"));
        assertThat(control.getStatusCode().value()).isEqualTo(400);
        assertThat(fields(control)).containsExactly("name");

        ResponseEntity<Map> analyst = post(ANALYST, customer + "/contacts", Map.of("name", "王芳"));
        assertThat(analyst.getStatusCode().value()).isEqualTo(403);

        assertThat(count("contact")).isEqualTo(contactsBefore);
        assertThat(count("outbox_event")).isEqualTo(eventsBefore);
    }

    @Test
    void oneContactIsPrimaryANewPrimaryDemotesTheOld() {
        String customer = customer("主联系人测试有限公司");
        ResponseEntity<Map> first = post(REP, customer + "/contacts", Map.of("name", "Anna Li", "primary", true));
        ResponseEntity<Map> second = post(REP, customer + "/contacts", Map.of("name", "Bo Wang", "primary", true));
        assertThat(second.getStatusCode().value()).isEqualTo(201);

        List<Map<String, Object>> contacts = http.get().uri(customer + "/contacts").header("Authorization", "Bearer " + REP)
                .retrieve().body(List.class);
        assertThat(contacts).extracting(c -> c.get("name")).containsExactly("Bo Wang", "Anna Li");
        assertThat(contacts).extracting(c -> c.get("primary")).containsExactly(true, false);
        assertThat(get(REP, first.getHeaders().getLocation().toString()).getBody()).containsEntry("version", 1);
    }

    @Test
    void personalDataIsMaskedForAnalystsAndMarketingIncludingTheHistory() {
        String customer = customer("脱敏测试有限公司");
        ResponseEntity<Map> added = post(REP, customer + "/contacts", Map.of("name", "张伟", "phones", List.of("13812345678"),
                "email", "zhang.wei@example.cn", "title", "总经理"));
        String contact = added.getHeaders().getLocation().toString();
        put(REP, contact, Map.of("name", "张伟", "phones", List.of("13912345678"), "email", "zhang.wei@example.cn", "title", "总经理"), etag(added));

        for (String token : List.of(ANALYST, MARKETING)) {
            Map<String, Object> masked = get(token, contact).getBody();
            assertThat(masked).containsEntry("name", "张*").containsEntry("email", "z********@example.cn").containsEntry("title", "总经理");
            assertThat((List<Object>) masked.get("phones")).containsExactly("+861******5678");
            assertThat(items(get(token, customer + "/history"))).filteredOn(e -> "phones".equals(e.get("field")))
                    .allSatisfy(e -> assertThat(String.valueOf(e.get("to"))).doesNotContain("12345678"));
        }
        assertThat(get(REP, contact).getBody()).containsEntry("name", "张伟");
        assertThat(items(get(REP, customer + "/history"))).anySatisfy(e -> assertThat(e).containsEntry("entityType", "CONTACT")
                .containsEntry("field", "phones").containsEntry("from", "+8613812345678").containsEntry("to", "+8613912345678"));
    }

    @Test
    void updatesNeedTheCurrentVersion() {
        String customer = customer("联系人版本测试有限公司");
        ResponseEntity<Map> added = post(REP, customer + "/contacts", Map.of("name", "赵六"));
        String contact = added.getHeaders().getLocation().toString();
        Map<String, Object> change = Map.of("name", "赵六", "title", "CTO");

        assertThat(put(REP, contact, change, null).getStatusCode().value()).isEqualTo(428);
        assertThat(put(REP, contact, change, "\"3\"").getStatusCode().value()).isEqualTo(412);
        ResponseEntity<Map> updated = put(REP, contact, change, etag(added));
        assertThat(updated.getStatusCode().value()).isEqualTo(200);
        assertThat(updated.getBody()).containsEntry("title", "CTO").containsEntry("version", 1);

        String customerId = customer.substring(customer.lastIndexOf('/') + 1);
        try (EventProbe probe = EventProbe.onSharedKafka(Topics.CUSTOMER)) {
            var event = probe.awaitEvent(e -> e.type().equals("crm.contact.updated.v1") && customerId.equals(e.subject()));
            assertThat(event.data().get("changes").get("title").asString()).isEqualTo("CTO");
            probe.assertAllMatchTheirSchemas();
        }

        ResponseEntity<Map> removed = delete(REP, contact, etag(updated));
        assertThat(removed.getStatusCode().value()).isEqualTo(200);
        assertThat(removed.getBody()).containsEntry("status", "REMOVED");
        assertThat(http.get().uri(customer + "/contacts").header("Authorization", "Bearer " + REP).retrieve().body(List.class)).isEmpty();
    }

    @Test
    void aPersonCanExportAndEraseTheirDataThroughAStewardAndNothingIdentifyingRemains() {
        String customer = customer("个人信息测试有限公司");
        ResponseEntity<Map> added = post(REP, customer + "/contacts", Map.of("name", "Wang Fang", "phones", List.of("13787654321"),
                "email", "wang.fang@example.cn", "title", "Buyer"));
        String contact = added.getHeaders().getLocation().toString();
        String contactId = (String) added.getBody().get("id");

        assertThat(get(REP, contact + "/export").getStatusCode().value()).isEqualTo(403);
        Map<String, Object> export = get(STEWARD, contact + "/export").getBody();
        assertThat(export).containsEntry("name", "Wang Fang").containsEntry("email", "wang.fang@example.cn").containsKey("exportedAt");
        assertThat((List<Object>) export.get("phones")).containsExactly("+8613787654321");
        assertThat((List<Object>) export.get("history")).isNotEmpty();

        assertThat(post(REP, contact + "/erase", null).getStatusCode().value()).isEqualTo(403);
        ResponseEntity<Map> erased = post(STEWARD, contact + "/erase", null);
        assertThat(erased.getStatusCode().value()).isEqualTo(200);
        assertThat(erased.getBody()).containsEntry("status", "ERASED").doesNotContainKey("email");
        assertThat((List<Object>) erased.getBody().get("phones")).isEmpty();
        assertThat(post(STEWARD, contact + "/erase", null).getStatusCode().value()).isEqualTo(200);

        String afterwards = http.get().uri(contact + "/export").header("Authorization", "Bearer " + STEWARD).retrieve().body(String.class);
        assertThat(afterwards).doesNotContain("Wang Fang", "13787654321", "wang.fang", "Buyer");
        assertThat(db.sql("SELECT count(*) FROM change_history WHERE entity_id = ?::uuid AND (old_value LIKE '%13787654321%' "
                + "OR new_value LIKE '%13787654321%' OR new_value = 'Wang Fang')").param(contactId).query(Long.class).single()).isZero();

        String customerId = customer.substring(customer.lastIndexOf('/') + 1);
        try (EventProbe probe = EventProbe.onSharedKafka(Topics.CUSTOMER)) {
            var event = probe.awaitEvent("crm.contact.erased.v1", customerId);
            assertThat(event.text("contactId")).isEqualTo(contactId);
            assertThat(event.text("erasedBy")).isEqualTo("steward");
            probe.assertAllMatchTheirSchemas();
        }
    }

    private String customer(String name) {
        Map<String, Object> body = new HashMap<>(Map.of("legalName", name));
        return post(REP, "/api/v1/customers", body).getHeaders().getLocation().toString();
    }
}
