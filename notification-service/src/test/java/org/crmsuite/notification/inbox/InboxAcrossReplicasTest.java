package org.crmsuite.notification.inbox;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.crmsuite.notification.NotificationServiceApplication;
import org.crmsuite.notification.NotificationTestSupport;
import org.crmsuite.notification.TestEvents;
import org.crmsuite.notification.delivery.DeliveryWorker;
import org.crmsuite.platform.events.Topics;
import org.crmsuite.platform.test.SharedKafka;
import org.crmsuite.platform.test.SharedPostgres;
import org.crmsuite.platform.test.TestIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two replicas on one database: a browser connected to replica B receives the inbox message that replica A delivered
 * (PostgreSQL LISTEN/NOTIFY on commit). B reads no Kafka and sends nothing, so the message can only have come from A.
 */
class InboxAcrossReplicasTest extends NotificationTestSupport {

    @Autowired
    JdbcConnectionDetails database;

    @Autowired
    InboxFanOut fanOutOfA;

    @Test
    void aMessageDeliveredOnReplicaAReachesTheStreamOpenOnReplicaB() throws Exception {
        try (ConfigurableApplicationContext replicaB = new SpringApplicationBuilder(NotificationServiceApplication.class).run(
                "--server.port=0",
                "--spring.datasource.url=" + database.getJdbcUrl(),
                "--spring.datasource.username=" + SharedPostgres.username(),
                "--spring.kafka.bootstrap-servers=" + SharedKafka.bootstrapServers(),
                "--spring.kafka.listener.auto-startup=false",
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + TestIssuer.get().issuer(),
                "--spring.mail.host=127.0.0.1",
                "--spring.mail.port=" + MAIL.getSmtp().getPort(),
                "--crm.notification.webhooks.allowed-hosts=127.0.0.1")) {
            replicaB.getBean(DeliveryWorker.class).stop(); // only A delivers
            int portOfB = Integer.parseInt(replicaB.getEnvironment().getProperty("local.server.port"));
            InboxFanOut fanOutOfB = replicaB.getBean(InboxFanOut.class);
            await().atMost(Duration.ofSeconds(20)).until(() -> fanOutOfA.listening() && fanOutOfB.listening());

            String user = "agent.replica";
            List<String> lines = new CopyOnWriteArrayList<>();
            try (HttpClient client = HttpClient.newHttpClient()) {
                HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + portOfB + "/api/v1/notifications/inbox/stream"))
                        .header("Authorization", "Bearer " + tokenOf(user, "service-agent")).header("Accept", "text/event-stream").build();
                HttpResponse<Stream<String>> stream = client.send(request, HttpResponse.BodyHandlers.ofLines());
                assertThat(stream.statusCode()).isEqualTo(200);
                Thread reader = Thread.ofVirtual().start(() -> {
                    try {
                        stream.body().forEach(lines::add);
                    } catch (java.io.UncheckedIOException closed) {
                        // the test closed the stream
                    }
                });
                await().atMost(Duration.ofSeconds(10)).until(() -> lines.contains("event:unread-count"));

                String number = TestEvents.ticketNumber();
                String eventId = publish(Topics.TICKET, "crm.ticket.assigned.v1", "t-" + number, TestEvents.ticketAssigned(number, user));

                await().atMost(Duration.ofSeconds(30)).until(() -> lines.stream().anyMatch(l -> l.startsWith("data:") && l.contains(number)));
                assertThat(lines).contains("event:notification");
                assertThat(notificationsOf(eventId)).filteredOn(n -> "IN_APP".equals(n.get("channel")))
                        .singleElement().satisfies(n -> assertThat(n.get("status")).isEqualTo("DELIVERED"));
                stream.body().close();
                reader.interrupt();
            }
        }
    }
}
