package org.crmsuite.sales;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI document describes every endpoint with a summary (the contract clients are built against). */
@SuppressWarnings({"unchecked", "rawtypes"})
class ApiDocsTest extends ApiTestSupport {

    @Test
    void everyEndpointIsDocumented() {
        Map<String, Object> docs = http.get().uri("/v3/api-docs").retrieve().body(Map.class);
        Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) docs.get("paths");
        assertThat(paths).containsKeys("/api/v1/sales/pipelines", "/api/v1/sales/opportunities", "/api/v1/sales/opportunities/{id}",
                "/api/v1/sales/opportunities/{id}/stage", "/api/v1/sales/leads", "/api/v1/sales/leads/{id}", "/api/v1/sales/leads/{id}/status",
                "/api/v1/sales/forecast", "/api/v1/sales/quotas/{ownerId}/{month}", "/api/v1/sales/campaigns", "/api/v1/sales/campaigns/{id}",
                "/api/v1/sales/leads/{id}/conversion", "/api/v1/sales/opportunities/{id}/history", "/api/v1/sales/activities",
                "/api/v1/sales/activities/{id}/completion", "/api/v1/sales/follow-up-plans", "/api/v1/sales/campaigns/{id}/members",
                "/api/v1/sales/campaigns/{id}/responses", "/api/v1/sales/campaigns/{id}/launch");
        assertThat(paths.get("/api/v1/sales/opportunities")).containsKeys("get", "post");
        paths.forEach((path, operations) -> operations.values().forEach(operation ->
                assertThat((Map<String, Object>) operation).as(path).containsKey("summary")));
        assertThat(http.get().uri("/v3/api-docs").retrieve().body(String.class)).contains("If-Match", "business-rule-violated");
    }
}
