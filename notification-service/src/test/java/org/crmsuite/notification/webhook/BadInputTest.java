package org.crmsuite.notification.webhook;

import java.util.List;
import java.util.Map;

import org.crmsuite.notification.NotificationTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input answers with problem details naming the field, and writes nothing. */
class BadInputTest extends NotificationTestSupport {

    @Test
    void webhookUrlsThatAreNotHttpOrPointInsideAreRefused() {
        for (String url : List.of("ftp://finance.example.com/in", "file:///etc/passwd", "http://10.0.0.5/hook", "http://192.168.1.20/hook",
                "http://169.254.169.254/latest/meta-data", "http://[::1]:8080/hook", "http://localhost:8080/hook", "http://user:pw@example.com/")) {
            ResponseEntity<Map> refused = post(ADMIN, "/api/v1/notifications/webhooks", Map.of("name", "evil", "url", url,
                    "eventTypes", List.of("crm.opportunity.won.v1"), "secret", "0123456789abcdef"));
            assertThat(refused.getStatusCode().value()).as(url).isEqualTo(400);
            assertThat(refused.getBody().get("type")).isEqualTo("urn:crm:problem:validation-failed");
            assertThat(fields(refused)).as(url).containsExactly("url");
        }
        assertThat(db.sql("SELECT count(*) FROM webhook_subscription WHERE name = 'evil'").query(Long.class).single()).isZero();
    }

    @Test
    void onlyAdminsAndIntegrationsManageWebhooks() {
        assertThat(post(REP, "/api/v1/notifications/webhooks", Map.of("name", "x", "url", "https://example.com/x",
                "eventTypes", List.of("crm.opportunity.won.v1"), "secret", "0123456789abcdef")).getStatusCode().value()).isEqualTo(403);
    }

    @Test
    void aTemplateNamingAnUnknownVariableIsRefusedWhenSaved() {
        ResponseEntity<Map> refused = put(ADMIN, "/api/v1/notifications/templates/crm.ticket.sla-breached.v1/EMAIL/en",
                Map.of("subject", "Breach on {{number}}", "body", "Customer {{customerPhone}} waits since {{breachedAt|time}}"), null);
        assertThat(refused.getStatusCode().value()).isEqualTo(400);
        assertThat(fields(refused)).containsExactly("body");
        assertThat(refused.getBody().get("errors").toString()).contains("unknown variable {{customerPhone}}");
        assertThat(db.sql("SELECT body FROM notification_template WHERE event_type = 'crm.ticket.sla-breached.v1' AND channel = 'EMAIL' AND locale = 'en'")
                .query(String.class).single()).doesNotContain("customerPhone");

        ResponseEntity<Map> badFormat = put(ADMIN, "/api/v1/notifications/templates/crm.ticket.sla-breached.v1/EMAIL/en",
                Map.of("subject", "Breach on {{number|upper}}", "body", "x"), null);
        assertThat(badFormat.getStatusCode().value()).isEqualTo(400);
    }

    @Test
    void aValidTemplateIsSavedWithOptimisticLocking() {
        String uri = "/api/v1/notifications/templates/crm.activity.due.v1/IN_APP/en";
        ResponseEntity<Map> current = get(ADMIN, uri);
        ResponseEntity<Map> withoutVersion = put(ADMIN, uri, Map.of("subject", "Due: {{subject}}", "body", "Due at {{dueAt|time}}"), null);
        assertThat(withoutVersion.getStatusCode().value()).isEqualTo(428);
        ResponseEntity<Map> saved = put(ADMIN, uri, Map.of("subject", "Reminder: {{subject}}", "body", "Your {{type}} \"{{subject}}\" is due at {{dueAt|time}}."),
                current.getHeaders().getETag());
        assertThat(saved.getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void anInvalidEmailAddressInThePreferencesIsRefused() {
        for (String email : List.of("not-an-email", "li@localhost", "two@@example.com")) {
            ResponseEntity<Map> refused = put(tokenOf("agent.bad", "service-agent"), "/api/v1/notifications/preferences/me",
                    Map.of("language", "en", "zone", "Asia/Shanghai", "email", email), null);
            assertThat(refused.getStatusCode().value()).as(email).isEqualTo(400);
            assertThat(fields(refused)).as(email).contains("email");
        }
        ResponseEntity<Map> badZone = put(tokenOf("agent.bad", "service-agent"), "/api/v1/notifications/preferences/me",
                Map.of("language", "fr", "zone", "Mars/Olympus"), null);
        assertThat(fields(badZone)).containsExactlyInAnyOrder("language", "zone");
        assertThat(db.sql("SELECT count(*) FROM user_preference WHERE user_id = 'agent.bad'").query(Long.class).single()).isZero();
    }

    @Test
    void rulesAreDataThatAdminsEdit() {
        ResponseEntity<Map> bad = post(ADMIN, "/api/v1/notifications/rules", Map.of("eventType", "crm.lead.created.v1", "recipient", "somebody",
                "channels", List.of("EMAIL")));
        assertThat(bad.getStatusCode().value()).isEqualTo(400);
        assertThat(fields(bad)).containsExactly("recipient");
        ResponseEntity<Map> webhookByMail = post(ADMIN, "/api/v1/notifications/rules", Map.of("eventType", "crm.lead.created.v1", "recipient", "webhooks",
                "channels", List.of("EMAIL")));
        assertThat(fields(webhookByMail)).containsExactly("channels");

        ResponseEntity<Map> created = post(ADMIN, "/api/v1/notifications/rules", Map.of("eventType", "crm.lead.created.v1", "recipient", "event:ownerId",
                "channels", List.of("IN_APP"), "condition", "score >= 80"));
        assertThat(created.getStatusCode().value()).isEqualTo(201);
        String id = (String) created.getBody().get("id");
        ResponseEntity<Map> paused = put(ADMIN, "/api/v1/notifications/rules/" + id, Map.of("eventType", "crm.lead.created.v1",
                "recipient", "event:ownerId", "channels", List.of("IN_APP"), "enabled", false), "\"0\"");
        assertThat(paused.getStatusCode().value()).isEqualTo(200);
        assertThat(paused.getBody().get("enabled")).isEqualTo(false);
        assertThat(put(ADMIN, "/api/v1/notifications/rules/" + id, Map.of("eventType", "crm.lead.created.v1",
                "recipient", "event:ownerId", "channels", List.of("IN_APP")), "\"0\"").getStatusCode().value()).isEqualTo(412);
        assertThat(post(ADMIN, "/api/v1/notifications/rules", Map.of("eventType", "crm.lead.created.v1", "recipient", "event:ownerId",
                "channels", List.of("EMAIL"))).getStatusCode().value()).isEqualTo(409);
        assertThat(get(REP, "/api/v1/notifications/rules").getStatusCode().value()).isEqualTo(403);
    }
}
