package org.crmsuite.notification.delivery;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.crmsuite.notification.NotificationTestSupport;
import org.crmsuite.notification.TestEvents;
import org.crmsuite.platform.events.Topics;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Deliveries by channel and status, retries, dead letters and the event-to-delivery latency, on /actuator/prometheus. */
class DeliveryMetricsTest extends NotificationTestSupport {

    @Autowired
    MeterRegistry meters;

    @Test
    void aDeliveryCountsByChannelAndStatusAndTimesTheWaitFromTheEvent() {
        double emails = count("crm.notification.deliveries", "EMAIL", "delivered");
        long timed = latencyCount("IN_APP");
        String number = TestEvents.ticketNumber();
        String eventId = publish(Topics.TICKET, "crm.ticket.assigned.v1", "t-" + number, TestEvents.ticketAssigned(number, "agent.metrics"));
        await().atMost(Duration.ofSeconds(30)).until(() -> notificationsOf(eventId).size() == 2
                && notificationsOf(eventId).stream().allMatch(n -> "DELIVERED".equals(n.get("status"))));
        await().atMost(Duration.ofSeconds(5)).until(() -> count("crm.notification.deliveries", "EMAIL", "delivered") >= emails + 1
                && latencyCount("IN_APP") >= timed + 1);

        String scrape = http.get().uri("/actuator/prometheus").retrieve().body(String.class);
        assertThat(scrape).containsPattern("crm_notification_deliveries_total\\{[^}]*channel=\"EMAIL\"[^}]*status=\"delivered\"[^}]*} [1-9]")
                .containsPattern("crm_notification_delivery_latency_seconds_count\\{[^}]*channel=\"IN_APP\"[^}]*} [1-9]")
                .contains("crm_notification_delivery_latency_seconds_bucket");
    }

    @Test
    void failedAttemptsCountAsRetriesThenAsADeadLetter() {
        String path = "/metrics-hook";
        RECEIVER.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(path).willReturn(aResponse().withStatus(500)));
        ResponseEntity<Map> subscription = post(ADMIN, "/api/v1/notifications/webhooks", Map.of("name", "metrics", "url",
                "http://127.0.0.1:" + RECEIVER.port() + path, "eventTypes", List.of("crm.activity.due.v1"), "secret", "metrics-secret-0123456789"));
        assertThat(subscription.getStatusCode().value()).isEqualTo(201);
        String ruleId = null;
        try {
            double failed = count("crm.notification.deliveries", "WEBHOOK", "failed");
            double retries = counter("crm.notification.retries", "WEBHOOK");
            double dead = counter("crm.notification.dead.letters", "WEBHOOK");
            ruleId = createRuleForActivityWebhooks();
            publish(Topics.SALES, "crm.activity.due.v1", "a-metrics", TestEvents.activityDue("agent.metrics"));

            // max-attempts 4 in tests: three retries, then the dead-letter list
            await().atMost(Duration.ofSeconds(40)).until(() -> counter("crm.notification.dead.letters", "WEBHOOK") >= dead + 1);
            assertThat(count("crm.notification.deliveries", "WEBHOOK", "failed") - failed).isGreaterThanOrEqualTo(4);
            assertThat(counter("crm.notification.retries", "WEBHOOK") - retries).isGreaterThanOrEqualTo(3);
            String scrape = http.get().uri("/actuator/prometheus").retrieve().body(String.class);
            assertThat(scrape).containsPattern("crm_notification_retries_total\\{[^}]*channel=\"WEBHOOK\"[^}]*} [1-9]")
                    .containsPattern("crm_notification_dead_letters_total\\{[^}]*channel=\"WEBHOOK\"[^}]*} [1-9]");
        } finally {
            if (ruleId != null) {
                delete(ADMIN, "/api/v1/notifications/rules/" + ruleId, get(ADMIN, "/api/v1/notifications/rules/" + ruleId).getHeaders().getETag());
            }
            String id = (String) subscription.getBody().get("id");
            delete(ADMIN, "/api/v1/notifications/webhooks/" + id, get(ADMIN, "/api/v1/notifications/webhooks/" + id).getHeaders().getETag());
        }
    }

    /** The seeded rules send activity reminders to their owner only; an admin adds the webhook fan-out (rules are data). */
    private String createRuleForActivityWebhooks() {
        ResponseEntity<Map> rule = post(ADMIN, "/api/v1/notifications/rules", Map.of("eventType", "crm.activity.due.v1", "recipient", "webhooks",
                "channels", List.of("WEBHOOK"), "description", "metrics test"));
        assertThat(rule.getStatusCode().value()).as("%s", rule.getBody()).isEqualTo(201);
        return (String) rule.getBody().get("id");
    }

    private double count(String name, String channel, String status) {
        var counter = meters.find(name).tag("channel", channel).tag("status", status).counter();
        return counter == null ? 0 : counter.count();
    }

    private double counter(String name, String channel) {
        var counter = meters.find(name).tag("channel", channel).counter();
        return counter == null ? 0 : counter.count();
    }

    private long latencyCount(String channel) {
        var timer = meters.find("crm.notification.delivery.latency").tag("channel", channel).timer();
        return timer == null ? 0 : timer.count();
    }
}
