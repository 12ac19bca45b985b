package org.crmsuite.notification.webhook;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.crmsuite.notification.NotificationTestSupport;
import org.crmsuite.notification.TestEvents;
import org.crmsuite.platform.events.Topics;
import org.crmsuite.platform.test.EventProbe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Signed webhooks to a real HTTP receiver (WireMock): retries with back-off, the dead-letter list and resending. */
class WebhookDeliveryTest extends NotificationTestSupport {

    static final String URI = "/api/v1/notifications/webhooks";
    static final String SECRET = "finance-shared-secret-0123456789";

    private final List<String> created = new ArrayList<>();

    @AfterEach
    void unsubscribe() {
        for (String id : created) {
            ResponseEntity<Map> current = get(ADMIN, URI + "/" + id);
            delete(ADMIN, URI + "/" + id, current.getHeaders().getETag());
        }
    }

    private static com.github.tomakehurst.wiremock.client.MappingBuilder hook(String path) {
        return com.github.tomakehurst.wiremock.client.WireMock.post(path);
    }

    private String subscribe(String path) {
        ResponseEntity<Map> response = post(ADMIN, URI, Map.of("name", "finance " + path, "url", "http://127.0.0.1:" + RECEIVER.port() + path,
                "eventTypes", List.of("crm.opportunity.won.v1"), "secret", SECRET));
        assertThat(response.getStatusCode().value()).as("%s", response.getBody()).isEqualTo(201);
        assertThat(response.getBody()).doesNotContainKey("secret");
        String id = (String) response.getBody().get("id");
        created.add(id);
        return id;
    }

    @Test
    void theReceiverGetsAValidSignatureAndTheRetriesAfterAnswering500Twice() {
        String path = "/hooks/" + UUID.randomUUID();
        String scenario = "flaky " + path;
        RECEIVER.stubFor(hook(path).inScenario(scenario).whenScenarioStateIs(STARTED).willReturn(aResponse().withStatus(500)).willSetStateTo("one"));
        RECEIVER.stubFor(hook(path).inScenario(scenario).whenScenarioStateIs("one").willReturn(aResponse().withStatus(500)).willSetStateTo("two"));
        RECEIVER.stubFor(hook(path).inScenario(scenario).whenScenarioStateIs("two").willReturn(aResponse().withStatus(204)));
        subscribe(path);

        String eventId = publish(Topics.SALES, "crm.opportunity.won.v1", "o-1", TestEvents.opportunityWon("rep"));

        await().atMost(Duration.ofSeconds(30)).until(() -> RECEIVER.findAll(postRequestedFor(urlEqualTo(path))).size() >= 3);
        List<LoggedRequest> requests = RECEIVER.findAll(postRequestedFor(urlEqualTo(path)));
        for (LoggedRequest request : requests) {
            String timestamp = request.getHeader(WebhookSigner.TIMESTAMP_HEADER);
            assertThat(request.getHeader(WebhookSigner.SIGNATURE_HEADER))
                    .isEqualTo(WebhookSigner.signature(SECRET, Long.parseLong(timestamp), request.getBodyAsString()));
            assertThat(Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(timestamp))).isLessThan(60);
            assertThat(request.getHeader("X-Crm-Event-Id")).isEqualTo(eventId);
            assertThat(request.getBodyAsString()).contains("\"type\":\"crm.opportunity.won.v1\"", "华东仓储系统升级");
        }
        assertThat(WebhookSigner.signature("another secret", 1L, requests.getLast().getBodyAsString()))
                .isNotEqualTo(requests.getLast().getHeader(WebhookSigner.SIGNATURE_HEADER));

        Map<String, Object> delivery = awaitWebhookDelivery(eventId, "DELIVERED");
        assertThat(delivery.get("attempts")).isEqualTo(3);
        Map<String, Object> detail = get(ADMIN, "/api/v1/notifications/deliveries/" + delivery.get("id")).getBody();
        assertThat((List<Map<String, Object>>) detail.get("log")).extracting(a -> a.get("status") + " " + a.get("error"))
                .containsExactly("FAILED HTTP 500", "FAILED HTTP 500", "DELIVERED null");
        assertThat(RECEIVER.findAll(postRequestedFor(urlEqualTo(path)))).hasSize(3);
    }

    @Test
    void afterTheLastAttemptTheDeliveryIsADeadLetterThatCanBeResent() {
        String path = "/hooks/" + UUID.randomUUID();
        RECEIVER.stubFor(hook(path).willReturn(aResponse().withStatus(503)));
        subscribe(path);

        String eventId = publish(Topics.SALES, "crm.opportunity.won.v1", "o-2", TestEvents.opportunityWon("rep"));
        Map<String, Object> dead = awaitWebhookDelivery(eventId, "DEAD");
        assertThat(dead.get("attempts")).isEqualTo(4);
        assertThat(dead.get("lastError")).isEqualTo("HTTP 503");
        String id = (String) dead.get("id");
        assertThat(items(get(ADMIN, "/api/v1/notifications/dead-letters?size=200"))).anySatisfy(item -> assertThat(item.get("id")).isEqualTo(id));
        assertThat(get(REP, "/api/v1/notifications/dead-letters").getStatusCode().value()).isEqualTo(403);
        try (EventProbe probe = EventProbe.onSharedKafka(Topics.NOTIFICATION)) {
            var failed = probe.awaitEvent("crm.notification.failed.v1", id);
            assertThat(failed.text("error")).isEqualTo("HTTP 503");
            probe.assertAllMatchTheirSchemas();
        }

        RECEIVER.stubFor(hook(path).willReturn(aResponse().withStatus(200)));
        ResponseEntity<Map> resent = post(ADMIN, "/api/v1/notifications/dead-letters/" + id + "/resend", null);
        assertThat(resent.getStatusCode().value()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> "DELIVERED".equals(get(ADMIN, "/api/v1/notifications/deliveries/" + id).getBody().get("status")));
        assertThat(post(ADMIN, "/api/v1/notifications/dead-letters/" + id + "/resend", null).getStatusCode().value()).isEqualTo(409);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> awaitWebhookDelivery(String eventId, String status) {
        Map<String, Object>[] found = new Map[1];
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            List<Map<String, Object>> deliveries = http.get().uri("/api/v1/notifications/deliveries?sourceEventId=" + eventId)
                    .header("Authorization", "Bearer " + ADMIN).retrieve().body(List.class);
            for (Map<String, Object> d : deliveries) {
                if ("WEBHOOK".equals(d.get("channel")) && status.equals(d.get("status")) && created.stream().anyMatch(s -> d.get("recipient").equals("webhook:" + s))) {
                    found[0] = d;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }
}
