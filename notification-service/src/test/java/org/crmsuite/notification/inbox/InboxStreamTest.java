package org.crmsuite.notification.inbox;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.crmsuite.notification.NotificationTestSupport;
import org.crmsuite.notification.TestEvents;
import org.crmsuite.platform.events.Topics;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** An open browser (an SSE client) receives a new inbox message as it is delivered; the inbox counts and marks it. */
class InboxStreamTest extends NotificationTestSupport {

    @Test
    void anOpenStreamReceivesTheMessageAndTheInboxCountsItUntilRead() throws Exception {
        String user = "agent.zhou";
        String token = tokenOf(user, "service-agent");
        List<String> lines = new CopyOnWriteArrayList<>();
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/notifications/inbox/stream"))
                    .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").build();
            CompletableFuture<HttpResponse<Stream<String>>> response = client.sendAsync(request, HttpResponse.BodyHandlers.ofLines());
            HttpResponse<Stream<String>> stream = response.get();
            assertThat(stream.statusCode()).isEqualTo(200);
            Thread reader = Thread.ofVirtual().start(() -> stream.body().forEach(lines::add));
            await().atMost(Duration.ofSeconds(10)).until(() -> lines.contains("event:unread-count"));

            String number = TestEvents.ticketNumber();
            publish(Topics.TICKET, "crm.ticket.assigned.v1", "t-" + number, TestEvents.ticketAssigned(number, user));

            await().atMost(Duration.ofSeconds(30)).until(() -> lines.stream().anyMatch(l -> l.startsWith("data:") && l.contains(number)));
            int at = lines.indexOf("event:notification");
            assertThat(at).isGreaterThanOrEqualTo(0);
            assertThat(lines.stream().filter(l -> l.startsWith("data:") && l.contains(number)).findFirst().orElseThrow())
                    .contains("\"eventType\":\"crm.ticket.assigned.v1\"", "已分派给您", "\"read\":false");
            stream.body().close();
            reader.interrupt();
        }

        assertThat(get(token, "/api/v1/notifications/inbox/unread-count").getBody().get("unread")).isEqualTo(1);
        ResponseEntity<Map> inbox = get(token, "/api/v1/notifications/inbox");
        String id = (String) items(inbox).getFirst().get("id");
        assertThat(post(tokenOf("agent.other", "service-agent"), "/api/v1/notifications/inbox/" + id + "/read", null).getStatusCode().value()).isEqualTo(404);
        assertThat(post(token, "/api/v1/notifications/inbox/" + id + "/read", null).getStatusCode().value()).isEqualTo(204);
        assertThat(get(token, "/api/v1/notifications/inbox/unread-count").getBody().get("unread")).isEqualTo(0);
    }
}
