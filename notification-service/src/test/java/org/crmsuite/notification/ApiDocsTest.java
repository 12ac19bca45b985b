package org.crmsuite.notification;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI document describes every endpoint with a summary (the contract clients are built against). */
@SuppressWarnings({"unchecked", "rawtypes"})
class ApiDocsTest extends NotificationTestSupport {

    @Test
    void everyEndpointIsDocumented() {
        Map<String, Object> docs = http.get().uri("/v3/api-docs").retrieve().body(Map.class);
        Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) docs.get("paths");
        assertThat(paths).containsKeys("/api/v1/notifications/inbox", "/api/v1/notifications/inbox/unread-count",
                "/api/v1/notifications/inbox/{id}/read", "/api/v1/notifications/inbox/stream", "/api/v1/notifications/preferences/me",
                "/api/v1/notifications/webhooks", "/api/v1/notifications/webhooks/{id}", "/api/v1/notifications/rules",
                "/api/v1/notifications/rules/{id}", "/api/v1/notifications/templates/{eventType}/{channel}/{locale}",
                "/api/v1/notifications/dead-letters", "/api/v1/notifications/dead-letters/{id}/resend", "/api/v1/notifications/deliveries/{id}");
        paths.forEach((path, operations) -> operations.values().forEach(operation ->
                assertThat((Map<String, Object>) operation).as(path).containsKey("summary")));
        String text = http.get().uri("/v3/api-docs").retrieve().body(String.class);
        assertThat(text).contains("If-Match", "finance-invoicing", "text/event-stream", "queue-manager");
    }
}
