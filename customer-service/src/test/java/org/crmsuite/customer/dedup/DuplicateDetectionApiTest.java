package org.crmsuite.customer.dedup;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.crmsuite.customer.ApiTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 3, part 5: possible duplicates answered with 409 and scored candidates, unless createAnyway. */
@SuppressWarnings({"unchecked", "rawtypes"})
class DuplicateDetectionApiTest extends ApiTestSupport {

    static final String CUSTOMERS = "/api/v1/customers";

    @Test
    void aSimilarNameWithTheSamePhoneIsAPossibleDuplicate() {
        ResponseEntity<Map> original = post(REP, CUSTOMERS, Map.of("legalName", "苏州金鸡湖光电科技有限公司", "phone", "0512-66668888",
                "website", "www.jjhoe.example.cn"));
        assertThat(original.getStatusCode().value()).isEqualTo(201);
        long before = count("customer");
        long eventsBefore = count("outbox_event");

        ResponseEntity<Map> twin = post(REP, CUSTOMERS, Map.of("legalName", "苏州金鸡湖光电科技股份有限公司"));
        assertThat(twin.getStatusCode().value()).isEqualTo(409);
        assertThat(twin.getBody()).containsEntry("type", "urn:crm:problem:conflict").containsEntry("conflict", "possible-duplicates");
        List<Map<String, Object>> candidates = (List<Map<String, Object>>) twin.getBody().get("candidates");
        assertThat(candidates).singleElement().satisfies(c -> {
            assertThat(c).containsEntry("id", original.getBody().get("id")).containsEntry("code", original.getBody().get("code"))
                    .containsEntry("name", "苏州金鸡湖光电科技有限公司").containsEntry("score", 70);
            assertThat((List<String>) c.get("reasons")).singleElement().asString().startsWith("same name without legal form");
        });

        ResponseEntity<Map> typoSamePhone = post(REP, CUSTOMERS, Map.of("legalName", "苏州金鸡湖光点科技有限公司", "phone", "0512 6666 8888",
                "email", "sales@jjhoe.example.cn"));
        assertThat(typoSamePhone.getStatusCode().value()).isEqualTo(409);
        Map<String, Object> candidate = ((List<Map<String, Object>>) typoSamePhone.getBody().get("candidates")).get(0);
        assertThat((Integer) candidate.get("score")).isGreaterThanOrEqualTo(90);
        assertThat((List<String>) candidate.get("reasons")).contains("same phone +8651266668888", "same email or web domain jjhoe.example.cn");

        assertThat(count("customer")).isEqualTo(before);
        assertThat(count("outbox_event")).isEqualTo(eventsBefore);

        ResponseEntity<Map> anyway = post(REP, CUSTOMERS, Map.of("legalName", "苏州金鸡湖光电科技股份有限公司", "createAnyway", true));
        assertThat(anyway.getStatusCode().value()).isEqualTo(201);
    }

    @Test
    void latinNamesAndContactPhonesCount() {
        ResponseEntity<Map> original = post(REP, CUSTOMERS, Map.of("legalName", "Harbourview Maritime Services Co., Ltd."));
        post(REP, original.getHeaders().getLocation() + "/contacts", Map.of("name", "Ada Chen", "phones", List.of("13911112222")));

        ResponseEntity<Map> twin = post(REP, CUSTOMERS, Map.of("legalName", "Harbourview Maritme Services Inc.", "phone", "139 1111 2222"));
        assertThat(twin.getStatusCode().value()).isEqualTo(409);
        Map<String, Object> candidate = ((List<Map<String, Object>>) twin.getBody().get("candidates")).get(0);
        assertThat(candidate).containsEntry("id", original.getBody().get("id"));
        assertThat((List<String>) candidate.get("reasons")).contains("same phone +8613911112222");
    }

    @Test
    void theSameUsccIsRefusedEvenWithCreateAnyway() {
        String uscc = uscc();
        ResponseEntity<Map> original = post(REP, CUSTOMERS, Map.of("legalName", "统一代码唯一有限公司", "uscc", uscc));
        Map<String, Object> again = new HashMap<>(Map.of("legalName", "完全另一个名字", "uscc", uscc, "createAnyway", true));
        ResponseEntity<Map> refused = post(REP, CUSTOMERS, again);
        assertThat(refused.getStatusCode().value()).isEqualTo(409);
        assertThat(refused.getBody()).containsEntry("conflict", "same-uscc");
        assertThat(fields(refused)).containsExactly("uscc");
        assertThat((List<Map<String, Object>>) refused.getBody().get("candidates")).singleElement()
                .satisfies(c -> assertThat(c).containsEntry("id", original.getBody().get("id")).containsEntry("score", 100));
    }

    @Test
    void differentCompaniesAreNotFlagged() {
        assertThat(post(REP, CUSTOMERS, Map.of("legalName", "成都锦江茶饮连锁有限公司", "email", "hr@qq.com")).getStatusCode().value()).isEqualTo(201);
        assertThat(post(REP, CUSTOMERS, Map.of("legalName", "重庆渝中火锅餐饮有限公司", "email", "boss@qq.com")).getStatusCode().value()).isEqualTo(201);
    }

    @Test
    void anUpdateThatMakesAPossibleDuplicateIsAnsweredLikeARegistration() {
        ResponseEntity<Map> original = post(REP, CUSTOMERS, Map.of("legalName", "无锡太湖精密轴承有限公司", "phone", "0510-82228888"));
        ResponseEntity<Map> other = post(REP, CUSTOMERS, Map.of("legalName", "常州天宁纺织印染有限公司"));
        String location = CUSTOMERS + "/" + other.getBody().get("id");
        ResponseEntity<Map> current = get(REP, location);
        long eventsBefore = count("outbox_event");

        Map<String, Object> facts = new HashMap<>(Map.of("legalName", "无锡太湖精密轴承股份有限公司"));
        ResponseEntity<Map> refused = put(REP, location, facts, etag(current));
        assertThat(refused.getStatusCode().value()).isEqualTo(409);
        assertThat(refused.getBody()).containsEntry("conflict", "possible-duplicates");
        assertThat((List<Map<String, Object>>) refused.getBody().get("candidates")).singleElement()
                .satisfies(c -> assertThat(c).containsEntry("id", original.getBody().get("id")));
        assertThat(get(REP, location).getBody()).containsEntry("legalName", "常州天宁纺织印染有限公司");
        assertThat(count("outbox_event")).isEqualTo(eventsBefore);

        // a change that does not touch the compared facts is not checked again
        assertThat(put(REP, location, Map.of("legalName", "常州天宁纺织印染有限公司", "industry", "纺织业"), etag(current))
                .getStatusCode().value()).isEqualTo(200);

        facts.put("saveAnyway", true);
        ResponseEntity<Map> saved = put(REP, location, facts, etag(get(REP, location)));
        assertThat(saved.getStatusCode().value()).isEqualTo(200);
        assertThat(saved.getBody()).containsEntry("legalName", "无锡太湖精密轴承股份有限公司");
        assertThat(db.sql("SELECT count(*) FROM duplicate_pair WHERE (customer_a = :a AND customer_b = :b) OR (customer_a = :b AND customer_b = :a)")
                .param("a", java.util.UUID.fromString((String) original.getBody().get("id")))
                .param("b", java.util.UUID.fromString((String) other.getBody().get("id"))).query(Long.class).single()).isEqualTo(1);
    }
}
