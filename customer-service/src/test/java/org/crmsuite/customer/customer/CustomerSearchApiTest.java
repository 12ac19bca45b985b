package org.crmsuite.customer.customer;

import java.util.List;
import java.util.Map;

import org.crmsuite.customer.ApiTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 3, part 4: fuzzy name search in Chinese and Latin, with filters, on indexes. */
@SuppressWarnings({"unchecked", "rawtypes"})
class CustomerSearchApiTest extends ApiTestSupport {

    static final String CUSTOMERS = "/api/v1/customers";
    static String lanhu;
    static String quill;

    @BeforeEach
    void customers() {
        if (lanhu == null) {
            lanhu = (String) post(REP, CUSTOMERS, Map.of("legalName", "杭州澜湖智能科技有限公司", "shortName", "澜湖智能",
                    "valueTier", "STRATEGIC")).getBody().get("id");
            quill = (String) post(REP, CUSTOMERS, Map.of("legalName", "Quillfeather Analytics Co., Ltd.")).getBody().get("id");
            post(REP, CUSTOMERS, Map.of("legalName", "Bramblewood Logistics GmbH"));
            post(REP, CUSTOMERS, Map.of("legalName", "宁波港湾物流股份有限公司"));
        }
    }

    @Test
    void chineseNamesAreFoundWithATypoWithoutTheLegalFormOrInPart() {
        assertThat(ids("杭州澜湖智能科技有限公司")).first().isEqualTo(lanhu);
        assertThat(ids("杭州澜湖智能科技")).first().isEqualTo(lanhu);
        assertThat(ids("杭州澜湖智能科技有限责任公司")).first().isEqualTo(lanhu);
        assertThat(ids("杭州澜湖智桦科技")).first().isEqualTo(lanhu);
        assertThat(ids("澜湖")).contains(lanhu);
        assertThat(ids("澜湖智桦")).contains(lanhu);
        assertThat(ids("杭州澜湖")).doesNotContain(quill);
    }

    @Test
    void latinNamesAreFoundWithATypoAnyCaseAndAnotherLegalForm() {
        assertThat(ids("Quillfeather Analytics")).first().isEqualTo(quill);
        assertThat(ids("quilfeather analytcs")).first().isEqualTo(quill);
        assertThat(ids("QUILLFEATHER ANALYTICS INC.")).first().isEqualTo(quill);
        assertThat(ids("Quillfeather Analytics Co., Ltd.")).doesNotContain(lanhu);
        assertThat(ids("zzzz nothing like it")).isEmpty();
    }

    @Test
    void trigramsSeeChineseHereButBigramsCatchTyposInShortNames() {
        // This embedded PostgreSQL runs with LC_CTYPE C.UTF-8, so pg_trgm makes trigrams of Chinese characters ...
        assertThat(db.sql("SELECT similarity('杭州云栖科技', '杭州云西科技')").query(Double.class).single()).isGreaterThan(0.3);
        // ... but a typo in a four-character name falls under the trigram threshold; the bigram overlap still finds it.
        assertThat(db.sql("SELECT similarity('云栖科技', '云西科技')").query(Double.class).single()).isLessThan(0.3);
        assertThat(db.sql("SELECT crm_bigrams('云栖科技') && crm_bigrams('云西科技')").query(Boolean.class).single()).isTrue();
        assertThat(CompanyNames.similarity("云栖科技", "云西科技")).isGreaterThanOrEqualTo(0.5);
    }

    @Test
    void searchCombinesWithFiltersVisibilityAndCodes() {
        assertThat(ids("澜湖智能", "&tier=STRATEGIC")).contains(lanhu);
        assertThat(ids("澜湖智能", "&tier=SMALL")).doesNotContain(lanhu);
        assertThat(items(get(REP_WEST, CUSTOMERS + "?q=澜湖智能"))).isEmpty();

        String code = (String) get(REP, CUSTOMERS + "/" + lanhu).getBody().get("code");
        assertThat(ids(code)).containsExactly(lanhu);
        assertThat(ids("澜湖", "&sort=createdAt,desc")).contains(lanhu);
        assertThat(get(REP, CUSTOMERS + "?q=" + "x".repeat(201)).getStatusCode().value()).isEqualTo(400);
        assertThat(ids("%")).isEmpty();
        assertThat(ids("'; DROP TABLE customer; --")).isEmpty();
    }

    @Test
    void aContactsPhoneFindsItsCustomer() {
        post(REP, CUSTOMERS + "/" + quill + "/contacts", Map.of("name", "Quinn Feather", "phones", List.of("+44 20 7946 0958")));
        assertThat(items(get(REP, CUSTOMERS + "?phone=0044 20 7946 0958"))).extracting(c -> c.get("id")).containsExactly(quill);
    }

    private List<Object> ids(String q) {
        return ids(q, "");
    }

    private List<Object> ids(String q, String more) {
        ResponseEntity<Map> page = http.get().uri(CUSTOMERS + "?size=50&q={q}" + more, q)
                .header("Authorization", "Bearer " + REP).retrieve().toEntity(Map.class);
        assertThat(page.getStatusCode().value()).isEqualTo(200);
        return items(page).stream().map(c -> c.get("id")).toList();
    }
}
