package org.crmsuite.customer;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI document describes every endpoint, with examples (the contract clients are built against). */
@SuppressWarnings({"unchecked", "rawtypes"})
class ApiDocsTest extends ApiTestSupport {

    @Test
    void everyEndpointIsDocumentedWithExamples() {
        Map<String, Object> docs = http.get().uri("/v3/api-docs").retrieve().body(Map.class);
        Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) docs.get("paths");
        assertThat(paths).containsKeys("/api/v1/customers", "/api/v1/customers/{id}", "/api/v1/customers/{id}/lifecycle-stage",
                "/api/v1/customers/{id}/archive", "/api/v1/customers/{id}/restore", "/api/v1/customers/{customerId}/history",
                "/api/v1/customers/{customerId}/contacts", "/api/v1/customers/{customerId}/contacts/{contactId}",
                "/api/v1/customers/{customerId}/contacts/{contactId}/export", "/api/v1/customers/{customerId}/contacts/{contactId}/erase",
                "/api/v1/customers/{survivorId}/merge", "/api/v1/customers/{survivorId}/merges/{mergeId}/undo",
                "/api/v1/customers/duplicates", "/api/v1/customers/duplicates/{pairId}/dismiss", "/api/v1/customers/duplicates/scan",
                "/api/v1/customers/{customerId}/erase", "/api/v1/customers/{id}/quality", "/api/v1/customers/{id}/verification",
                "/api/v1/customers/export.csv", "/api/v1/customers/duplicates/check", "/api/v1/customers/imports/{importId}",
                "/api/v1/customers/imports/{importId}/rows", "/api/v1/customers/quality/worst", "/api/v1/customers/quality/departments",
                "/api/v1/customers/quality/refresh", "/api/v1/customers/{id}/quality/issues", "/api/v1/customers/quality/issues",
                "/api/v1/customers/{id}/quality/issues/{issueId}", "/api/v1/customers/{id}/quality/issues/{issueId}/assignee",
                "/api/v1/customers/{id}/quality/issues/{issueId}/resolution");
        assertThat(paths.get("/api/v1/customers")).containsKeys("get", "post");
        assertThat(paths.get("/api/v1/customers/{id}")).containsKeys("get", "put");
        paths.forEach((path, operations) -> operations.values().forEach(operation ->
                assertThat((Map<String, Object>) operation).as(path).containsKey("summary")));

        String json = http.get().uri("/v3/api-docs").retrieve().body(String.class);
        assertThat(json).contains("杭州云栖科技有限公司", "91330106MA27XY812F", "13812345678", "If-Match", "possible-duplicates",
                "Idempotency-Key", "idempotency-key-reused", "统一社会信用代码", "saveAnyway",
                "MISSING_FIELD", "营业执照上有统一社会信用代码，请补全");
    }
}
