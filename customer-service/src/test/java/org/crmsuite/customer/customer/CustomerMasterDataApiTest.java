package org.crmsuite.customer.customer;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.crmsuite.customer.ApiTestSupport;
import org.crmsuite.platform.events.Topics;
import org.crmsuite.platform.test.EventProbe;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 3, part 1 and 2: the complete master record, versioned updates, lifecycle stages, archive and history. */
@SuppressWarnings({"unchecked", "rawtypes"})
class CustomerMasterDataApiTest extends ApiTestSupport {

    static final String CUSTOMERS = "/api/v1/customers";

    @Test
    void everyFieldIsStandardisedStoredAndReturned() {
        String uscc = uscc();
        ResponseEntity<Map> created = post(REP, CUSTOMERS, full("杭州青芝坞数据有限公司", uscc));

        assertThat(created.getStatusCode().value()).isEqualTo(201);
        Map<String, Object> body = get(REP, created.getHeaders().getLocation().toString()).getBody();
        assertThat(body).containsEntry("legalName", "杭州青芝坞数据有限公司").containsEntry("uscc", uscc)
                .containsEntry("phone", "+8657188886666").containsEntry("email", "info@yunqi.example.cn")
                .containsEntry("website", "https://www.yunqi.example.cn").containsEntry("province", "浙江省")
                .containsEntry("city", "杭州市").containsEntry("district", "西湖区").containsEntry("street", "文三路 90 号")
                .containsEntry("size", "MEDIUM").containsEntry("sourceChannel", "SALES_VISIT")
                .containsEntry("preferredChannel", "EMAIL").containsEntry("marketingConsent", true)
                .containsEntry("valueTier", "KEY").containsEntry("status", "ACTIVE").containsEntry("version", 0);
        assertThat((List<Object>) body.get("tags")).containsExactlyInAnyOrder("SaaS", "重点客户");
        assertThat(body.get("consentRecordedAt")).isNotNull();
    }

    @Test
    void anUpdateNeedsTheCurrentVersionAndIsPublishedWithItsChangesAndHistory() {
        ResponseEntity<Map> created = post(REP, CUSTOMERS, Map.of("legalName", "宁波海曙贸易有限公司", "city", "宁波市"));
        String location = created.getHeaders().getLocation().toString();
        String id = (String) created.getBody().get("id");
        Map<String, Object> change = new HashMap<>(Map.of("legalName", "宁波海曙国际贸易有限公司", "city", "杭州市", "tags", List.of("出口")));

        ResponseEntity<Map> noVersion = put(REP, location, change, null);
        assertThat(noVersion.getStatusCode().value()).isEqualTo(428);
        assertThat(noVersion.getBody()).containsEntry("type", "urn:crm:problem:version-required");

        ResponseEntity<Map> stale = put(REP, location, change, "\"7\"");
        assertThat(stale.getStatusCode().value()).isEqualTo(412);
        assertThat(stale.getBody()).containsEntry("type", "urn:crm:problem:stale-version").containsEntry("currentVersion", 0);

        ResponseEntity<Map> updated = put(REP, location, change, etag(created));
        assertThat(updated.getStatusCode().value()).isEqualTo(200);
        assertThat(etag(updated)).isEqualTo("\"1\"");
        assertThat(updated.getBody()).containsEntry("legalName", "宁波海曙国际贸易有限公司").containsEntry("updatedBy", "rep");

        ResponseEntity<Map> lostUpdate = put(REP, location, Map.of("legalName", "Someone else's edit"), etag(created));
        assertThat(lostUpdate.getStatusCode().value()).isEqualTo(412);

        try (EventProbe probe = EventProbe.onSharedKafka(Topics.CUSTOMER)) {
            var event = probe.awaitEvent("crm.customer.updated.v1", id);
            assertThat(event.text("updatedBy")).isEqualTo("rep");
            assertThat(event.data().get("changedFields").toString()).contains("legalName", "city", "tags");
            assertThat(event.data().get("changes").get("city").asString()).isEqualTo("杭州市");
            assertThat(event.data().get("version").asLong()).isEqualTo(1);
            probe.assertAllMatchTheirSchemas();
        }

        List<Map<String, Object>> history = items(get(REP, location + "/history"));
        assertThat(history).anySatisfy(entry -> assertThat(entry).containsEntry("field", "city").containsEntry("from", "宁波市")
                .containsEntry("to", "杭州市").containsEntry("changedBy", "rep").containsKey("changedAt"));
        assertThat(history).anySatisfy(entry -> assertThat(entry).containsEntry("field", "legalName")
                .containsEntry("from", "宁波海曙贸易有限公司").containsEntry("to", "宁波海曙国际贸易有限公司"));
        assertThat(history).anySatisfy(entry -> assertThat(entry).containsEntry("field", "tags").containsEntry("to", "出口"));
        assertThat(get(REP_WEST, location + "/history").getStatusCode().value()).isEqualTo(403);
    }

    @Test
    void aStageNeedsItsFieldsAndOnlyAllowedMovesHappen() {
        ResponseEntity<Map> created = post(REP, CUSTOMERS, Map.of("legalName", "Suzhou Lakeside Robotics Co., Ltd."));
        String location = created.getHeaders().getLocation().toString();
        String id = (String) created.getBody().get("id");
        long eventsBefore = count("outbox_event");

        ResponseEntity<Map> incomplete = put(REP, location + "/lifecycle-stage", Map.of("stage", "ACTIVE"), etag(created));
        assertThat(incomplete.getStatusCode().value()).isEqualTo(422);
        assertThat(incomplete.getBody()).containsEntry("type", "urn:crm:problem:business-rule-violated");
        assertThat(fields(incomplete)).containsExactlyInAnyOrder("uscc", "industry", "province", "city");
        assertThat(count("outbox_event")).isEqualTo(eventsBefore);

        Map<String, Object> complete = new HashMap<>(Map.of("legalName", "Suzhou Lakeside Robotics Co., Ltd.", "foreignCompany", true,
                "industry", "制造业", "province", "江苏省", "city", "苏州市"));
        ResponseEntity<Map> filled = put(REP, location, complete, etag(created));
        ResponseEntity<Map> active = put(REP, location + "/lifecycle-stage", Map.of("stage", "ACTIVE", "reason", "first order"), etag(filled));
        assertThat(active.getStatusCode().value()).isEqualTo(200);
        assertThat(active.getBody()).containsEntry("lifecycleStage", "ACTIVE");

        ResponseEntity<Map> backwards = put(REP, location + "/lifecycle-stage", Map.of("stage", "PROSPECT"), etag(active));
        assertThat(backwards.getStatusCode().value()).isEqualTo(422);
        assertThat(fields(backwards)).containsExactly("stage");

        ResponseEntity<Map> noReason = put(REP, location + "/lifecycle-stage", Map.of("stage", "CHURNED"), etag(active));
        assertThat(noReason.getStatusCode().value()).isEqualTo(422);
        assertThat(fields(noReason)).containsExactly("reason");

        complete.remove("city");
        ResponseEntity<Map> clearsRequired = put(REP, location, complete, etag(active));
        assertThat(clearsRequired.getStatusCode().value()).isEqualTo(422);
        assertThat(fields(clearsRequired)).containsExactly("city");

        ResponseEntity<Map> viaUpdate = put(REP, location, Map.of("legalName", "x", "lifecycleStage", "CHURNED"), etag(active));
        assertThat(viaUpdate.getStatusCode().value()).isEqualTo(400);
        assertThat(fields(viaUpdate)).containsExactly("lifecycleStage");

        try (EventProbe probe = EventProbe.onSharedKafka(Topics.CUSTOMER)) {
            var event = probe.awaitEvent("crm.customer.lifecycle-stage-changed.v1", id);
            assertThat(event.text("fromStage")).isEqualTo("PROSPECT");
            assertThat(event.text("toStage")).isEqualTo("ACTIVE");
            assertThat(event.text("reason")).isEqualTo("first order");
            probe.assertAllMatchTheirSchemas();
        }
        assertThat(items(get(REP, location + "/history"))).anySatisfy(entry -> assertThat(entry)
                .containsEntry("field", "lifecycleStage").containsEntry("from", "PROSPECT").containsEntry("to", "ACTIVE"));
    }

    @Test
    void registeringStraightIntoAStageChecksItsRequirements() {
        ResponseEntity<Map> refused = post(REP, CUSTOMERS, Map.of("legalName", "直接签约有限公司", "lifecycleStage", "ONBOARDING"));
        assertThat(refused.getStatusCode().value()).isEqualTo(422);
        assertThat(fields(refused)).containsExactly("uscc");

        ResponseEntity<Map> accepted = post(REP, CUSTOMERS, Map.of("legalName", "直接签约有限公司", "lifecycleStage", "ONBOARDING", "uscc", uscc()));
        assertThat(accepted.getStatusCode().value()).isEqualTo(201);
        assertThat(accepted.getBody()).containsEntry("lifecycleStage", "ONBOARDING");
    }

    @Test
    void archivingKeepsTheRecordIsForManagersAndFreezesIt() {
        ResponseEntity<Map> created = post(REP, CUSTOMERS, Map.of("legalName", "上海旧城服务有限公司"));
        String location = created.getHeaders().getLocation().toString();
        String id = (String) created.getBody().get("id");

        ResponseEntity<Map> byRep = post(REP, location + "/archive", Map.of("reason", "gone"), etag(created));
        assertThat(byRep.getStatusCode().value()).isEqualTo(403);

        ResponseEntity<Map> noVersion = post(MANAGER, location + "/archive", Map.of("reason", "gone"), null);
        assertThat(noVersion.getStatusCode().value()).isEqualTo(428);

        ResponseEntity<Map> archived = post(MANAGER, location + "/archive", Map.of("reason", "公司已注销"), etag(created));
        assertThat(archived.getStatusCode().value()).isEqualTo(200);
        assertThat(archived.getBody()).containsEntry("status", "ARCHIVED").containsEntry("statusReason", "公司已注销");
        assertThat(get(REP, location).getStatusCode().value()).isEqualTo(200);
        assertThat(items(get(REP, CUSTOMERS + "?size=200"))).noneMatch(c -> id.equals(c.get("id")));
        assertThat(items(get(REP, CUSTOMERS + "?status=ARCHIVED&size=200"))).anyMatch(c -> id.equals(c.get("id")));

        ResponseEntity<Map> edit = put(REP, location, Map.of("legalName", "改名"), etag(archived));
        assertThat(edit.getStatusCode().value()).isEqualTo(422);

        try (EventProbe probe = EventProbe.onSharedKafka(Topics.CUSTOMER)) {
            var event = probe.awaitEvent("crm.customer.archived.v1", id);
            assertThat(event.text("archivedBy")).isEqualTo("sales.manager");
            assertThat(event.text("reason")).isEqualTo("公司已注销");
            probe.assertAllMatchTheirSchemas();
        }

        ResponseEntity<Map> restored = post(MANAGER, location + "/restore", null, etag(archived));
        assertThat(restored.getStatusCode().value()).isEqualTo(200);
        assertThat(restored.getBody()).containsEntry("status", "ACTIVE");
        assertThat(delete(ADMIN, location, etag(restored)).getStatusCode().value()).isEqualTo(405);
    }

    @Test
    void groupCompaniesFormATreeNeverACycle() {
        ResponseEntity<Map> group = post(REP, CUSTOMERS, Map.of("legalName", "华东控股集团有限公司"));
        String groupId = (String) group.getBody().get("id");
        ResponseEntity<Map> subsidiary = post(REP, CUSTOMERS, Map.of("legalName", "华东控股杭州分公司", "parentId", groupId));
        assertThat(subsidiary.getStatusCode().value()).isEqualTo(201);
        String subsidiaryId = (String) subsidiary.getBody().get("id");

        ResponseEntity<Map> cycle = put(REP, group.getHeaders().getLocation().toString(),
                Map.of("legalName", "华东控股集团有限公司", "parentId", subsidiaryId), etag(group));
        assertThat(cycle.getStatusCode().value()).isEqualTo(422);
        assertThat(fields(cycle)).containsExactly("parentId");

        ResponseEntity<Map> self = put(REP, group.getHeaders().getLocation().toString(),
                Map.of("legalName", "华东控股集团有限公司", "parentId", groupId), etag(group));
        assertThat(self.getStatusCode().value()).isEqualTo(422);

        ResponseEntity<Map> unknown = post(REP, CUSTOMERS, Map.of("legalName", "孤儿公司", "parentId", "00000000-0000-0000-0000-000000000001"));
        assertThat(unknown.getStatusCode().value()).isEqualTo(400);
        assertThat(fields(unknown)).containsExactly("parentId");
    }

    @Test
    void badInputIsRefusedWithAProblemAndNothingIsWritten() throws Exception {
        long customersBefore = count("customer");
        long eventsBefore = count("outbox_event");
        long historyBefore = count("change_history");

        ResponseEntity<Map> badPhone = post(REP, CUSTOMERS, Map.of("legalName", "电话错误有限公司", "phone", "12345"));
        assertThat(badPhone.getStatusCode().value()).isEqualTo(400);
        assertThat(fields(badPhone)).containsExactly("phone");

        ResponseEntity<Map> several = post(REP, CUSTOMERS, Map.of("legalName", "多处错误有限公司", "email", "not-an-email",
                "website", "javascript:alert(1)", "uscc", "91330106MA27XY812X"));
        assertThat(several.getStatusCode().value()).isEqualTo(400);
        assertThat(fields(several)).containsExactlyInAnyOrder("email", "website", "uscc");

        ResponseEntity<Map> control = post(REP, CUSTOMERS, Map.of("legalName", "Tab\tCorp", "tags", List.of("ok", "bell\u0007")));
        assertThat(control.getStatusCode().value()).isEqualTo(400);
        assertThat(fields(control)).contains("legalName").anyMatch(f -> f.startsWith("tags"));

        String tenMegabytes = "x".repeat(10 * 1024 * 1024);
        ResponseEntity<Map> huge = post(REP, CUSTOMERS, Map.of("legalName", tenMegabytes));
        assertThat(huge.getStatusCode().value()).isEqualTo(413);
        assertThat(huge.getBody()).containsEntry("type", "urn:crm:problem:payload-too-large");

        // The same body streamed without a Content-Length (chunked) is cut off at the limit, not parsed.
        byte[] chunked = ("{\"legalName\":\"" + tenMegabytes + "\"}").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> streamed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + CUSTOMERS))
                .header("Authorization", "Bearer " + REP).header("Content-Type", MediaType.APPLICATION_JSON_VALUE)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(chunked))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(streamed.statusCode()).isEqualTo(413);
        assertThat(streamed.body()).contains("urn:crm:problem:payload-too-large");

        ResponseEntity<Map> longField = post(REP, CUSTOMERS, Map.of("legalName", "y".repeat(201)));
        assertThat(longField.getStatusCode().value()).isEqualTo(400);
        assertThat(fields(longField)).containsExactly("legalName");

        ResponseEntity<Map> analyst = post(ANALYST, CUSTOMERS, Map.of("legalName", "分析师不能写有限公司"));
        assertThat(analyst.getStatusCode().value()).isEqualTo(403);

        assertThat(count("customer")).isEqualTo(customersBefore);
        assertThat(count("outbox_event")).isEqualTo(eventsBefore);
        assertThat(count("change_history")).isEqualTo(historyBefore);
    }

    @Test
    void injectionStringsAreStoredAsTextAndNeverExecuted() {
        String sql = "Robert'); DROP TABLE customer;-- Ltd.";
        String script = "<script>alert('x')</script> 有限公司";
        ResponseEntity<Map> first = post(REP, CUSTOMERS, Map.of("legalName", sql, "industry", script));
        assertThat(first.getStatusCode().value()).isEqualTo(201);
        Map<String, Object> stored = get(REP, first.getHeaders().getLocation().toString()).getBody();
        assertThat(stored).containsEntry("legalName", sql).containsEntry("industry", script);
        assertThat(count("customer")).isPositive();
        assertThat(get(REP, CUSTOMERS + "?code=" + "' OR '1'='1").getStatusCode().value()).isEqualTo(200);
        assertThat(items(get(REP, CUSTOMERS + "?code=' OR '1'='1"))).isEmpty();
    }

    @Test
    void qualityScoreListsIssuesAndVerificationIsRecorded() {
        ResponseEntity<Map> created = post(REP, CUSTOMERS, Map.of("legalName", "质量评分测试有限公司", "industry", "零售"));
        String location = created.getHeaders().getLocation().toString();

        Map<String, Object> quality = get(ANALYST, location + "/quality").getBody();
        assertThat(quality).containsEntry("completeness", 5).containsEntry("timeliness", 10).containsEntry("consistency", 10);
        assertThat((List<Map<String, Object>>) quality.get("issues")).extracting(i -> i.get("field")).contains("uscc", "lastVerifiedAt");

        assertThat(post(ANALYST, location + "/verification", Map.of("channel", "PHONE")).getStatusCode().value()).isEqualTo(403);
        ResponseEntity<Map> verified = post(REP, location + "/verification", Map.of("channel", "PHONE"));
        assertThat(verified.getStatusCode().value()).isEqualTo(200);
        assertThat(verified.getBody()).containsEntry("timeliness", 20).containsEntry("verifiedBy", "rep").containsEntry("verifiedVia", "PHONE");
        assertThat(get(REP, location).getBody()).containsEntry("verifiedBy", "rep").containsKey("lastVerifiedAt");
        assertThat(items(get(REP, location + "/history"))).anySatisfy(e -> assertThat(e).containsEntry("field", "verifiedVia").containsEntry("to", "PHONE"));
    }

    @Test
    void listsFilterAndSortOnlyOnIndexedColumns() {
        String uscc = uscc();
        post(REP, CUSTOMERS, full("温州过滤测试有限公司", uscc));
        assertThat(items(get(REP, CUSTOMERS + "?uscc=" + uscc))).singleElement().satisfies(c -> assertThat(c).containsEntry("uscc", uscc));
        assertThat(items(get(REP, CUSTOMERS + "?uscc=" + uscc + "&tier=KEY&tag=SaaS&province=浙江省&city=杭州市&phone=0571 8888 6666&owner=rep&department=/sales")))
                .hasSize(1);
        assertThat(items(get(REP, CUSTOMERS + "?uscc=" + uscc + "&tier=STRATEGIC"))).isEmpty();

        ResponseEntity<Map> unsortable = get(REP, CUSTOMERS + "?sort=street");
        assertThat(unsortable.getStatusCode().value()).isEqualTo(400);
        assertThat(fields(unsortable)).containsExactly("sort");
        assertThat(get(REP, CUSTOMERS + "?sort=createdAt,desc").getStatusCode().value()).isEqualTo(200);
        assertThat(get(REP, CUSTOMERS + "?size=5000").getBody()).containsEntry("size", 200);
    }

    static Map<String, Object> full(String legalName, String uscc) {
        Map<String, Object> body = new HashMap<>();
        body.put("legalName", legalName);
        body.put("shortName", "云栖");
        body.put("uscc", uscc);
        body.put("industry", "软件和信息技术服务业");
        body.put("size", "MEDIUM");
        body.put("province", "浙江省");
        body.put("city", "杭州市");
        body.put("district", "西湖区");
        body.put("street", "文三路　90 号");
        body.put("website", "WWW.Yunqi.Example.CN");
        body.put("phone", "0571-88886666");
        body.put("email", " Info@Yunqi.Example.CN ");
        body.put("valueTier", "KEY");
        body.put("tags", List.of("重点客户", "SaaS", "saas"));
        body.put("sourceChannel", "SALES_VISIT");
        body.put("marketingConsent", true);
        body.put("preferredChannel", "EMAIL");
        body.put("createAnyway", true);
        return body;
    }

}
