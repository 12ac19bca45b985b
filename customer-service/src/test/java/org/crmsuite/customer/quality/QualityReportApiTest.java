package org.crmsuite.customer.quality;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.crmsuite.customer.ApiTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/** Stored quality scores: the stewards' worst-first list, quality by department, and daily snapshots. */
@SuppressWarnings({"unchecked", "rawtypes"})
class QualityReportApiTest extends ApiTestSupport {

    @Autowired
    QualityScores scores;

    private List<Map<String, Object>> worst(String department) {
        return http.get().uri("/api/v1/customers/quality/worst?department=" + department)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + STEWARD).retrieve()
                .body(new ParameterizedTypeReference<List<Map<String, Object>>>() { });
    }

    @Test
    void stewardsSeeTheWorstFirstAndQualityByDepartmentOverTime() {
        String department = "/quality/q" + UUID.randomUUID().toString().substring(0, 8);
        ResponseEntity<Map> poor = post(STEWARD, "/api/v1/customers", Map.of("legalName", "质量很差的空壳有限公司", "department", department));
        ResponseEntity<Map> good = post(STEWARD, "/api/v1/customers", Map.of("legalName", "资料齐全的示范企业有限公司", "department", department + "/team",
                "uscc", uscc(), "industry", "软件和信息技术服务业", "size", "MEDIUM", "province", "浙江省", "city", "杭州市", "street", "文三路 90 号",
                "phone", "0571-88886666", "website", "https://www.example.cn"));
        assertThat(poor.getStatusCode().value()).isEqualTo(201);
        assertThat(good.getStatusCode().value()).isEqualTo(201);

        ResponseEntity<Map> refreshed = post(STEWARD, "/api/v1/customers/quality/refresh", null);
        assertThat(refreshed.getStatusCode().value()).isEqualTo(200);

        List<Map<String, Object>> list = worst(department);
        assertThat(list).extracting(c -> c.get("id")).containsExactly(poor.getBody().get("id"), good.getBody().get("id"));
        int poorScore = (Integer) list.get(0).get("score");
        int goodScore = (Integer) list.get(1).get("score");
        assertThat(poorScore).isLessThan(goodScore);
        Map<String, Object> quality = get(STEWARD, "/api/v1/customers/" + poor.getBody().get("id") + "/quality").getBody();
        assertThat(quality).containsEntry("score", poorScore);
        assertThat(worst(department + "/team")).extracting(c -> c.get("id")).containsExactly(good.getBody().get("id"));

        Map<String, Object> byDepartment = get(STEWARD, "/api/v1/customers/quality/departments").getBody();
        List<Map<String, Object>> current = (List<Map<String, Object>>) byDepartment.get("current");
        assertThat(current).filteredOn(d -> department.equals(d.get("department"))).singleElement()
                .satisfies(d -> assertThat(d).containsEntry("customers", 1).containsEntry("poor", poorScore < 60 ? 1 : 0));
        List<Map<String, Object>> history = (List<Map<String, Object>>) byDepartment.get("history");
        assertThat(history).filteredOn(d -> (department + "/team").equals(d.get("department"))).singleElement()
                .satisfies(d -> assertThat(d).containsEntry("day", scores.today().toString()).containsEntry("customers", 1));

        // a change is scored again by the next refresh
        String location = "/api/v1/customers/" + poor.getBody().get("id");
        assertThat(put(STEWARD, location, Map.of("legalName", "质量很差的空壳有限公司", "industry", "批发业", "province", "江苏省",
                "city", "南京市"), etag(get(STEWARD, location))).getStatusCode().value()).isEqualTo(200);
        assertThat(scores.refreshChanged()).isGreaterThanOrEqualTo(1);
        assertThat((Integer) worst(department).get(0).get("score")).isGreaterThan(poorScore);

        assertThat(get(REP, "/api/v1/customers/quality/worst").getStatusCode().value()).isEqualTo(403);
        assertThat(get(STEWARD, "/api/v1/customers/quality/departments?from=2026-02-01&to=2026-01-01").getStatusCode().value())
                .isEqualTo(400);
    }

    @Test
    void theDailySnapshotIsTakenOncePerDay() {
        db.sql("DELETE FROM quality_snapshot_run WHERE day = :day").param("day", java.sql.Date.valueOf(scores.today())).update();
        assertThat(scores.dailySnapshot()).isTrue();
        assertThat(scores.dailySnapshot()).isFalse();
        assertThat(db.sql("SELECT count(*) FROM customer WHERE quality_score IS NULL").query(Long.class).single()).isZero();
    }
}
