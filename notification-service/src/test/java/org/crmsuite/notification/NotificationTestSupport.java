package org.crmsuite.notification;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;
import org.crmsuite.platform.events.CloudEventHeaders;
import org.crmsuite.platform.test.ApiTestClient;
import org.crmsuite.platform.test.FreePorts;
import org.crmsuite.platform.test.SharedKafka;
import org.crmsuite.platform.test.TestIssuer;
import org.crmsuite.platform.test.UseKafka;
import org.crmsuite.platform.test.UsePostgres;
import org.crmsuite.platform.test.UseTestIssuer;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.json.JsonMapper;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.awaitility.Awaitility.await;

/**
 * Base of the integration tests: real PostgreSQL, Kafka and signed tokens, a real SMTP server (GreenMail) and a
 * WireMock server for webhook receivers and the SMS provider; one Spring context shared by every subclass. Tests
 * publish events as the other services do (CloudEvents headers, JSON payload).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@UsePostgres
@UseKafka
@UseTestIssuer
public abstract class NotificationTestSupport extends ApiTestClient {

    protected static final GreenMail MAIL = new GreenMail(new ServerSetup(FreePorts.next(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    protected static final WireMockServer RECEIVER = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort()
            .containerThreads(300).jettyAcceptors(2).asynchronousResponseEnabled(true).asynchronousResponseThreads(250));
    private static final KafkaProducer<String, String> PRODUCER;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String GROUP = "notification-test-" + UUID.randomUUID();

    static {
        MAIL.start();
        RECEIVER.start();
        PRODUCER = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> MAIL.getSmtp().getPort());
        registry.add("crm.notification.consumer-group", () -> GROUP);
        registry.add("crm.notification.webhooks.allowed-hosts", () -> "127.0.0.1");
        registry.add("crm.notification.sms.endpoint", () -> "http://127.0.0.1:" + RECEIVER.port() + "/sms/send");
        registry.add("crm.notification.delivery.poll-interval", () -> "200ms");
        registry.add("crm.notification.delivery.initial-backoff", () -> "300ms");
        registry.add("crm.notification.delivery.max-backoff", () -> "2s");
        registry.add("crm.notification.delivery.max-attempts", () -> "4");
        // the configured directory (Keycloak stays off in tests; KeycloakUserDirectoryTest covers it with WireMock)
        registry.add("crm.notification.directory.users[agent.dir].email", () -> "dir.agent@corp.example.com");
        registry.add("crm.notification.directory.users[agent.dir].language", () -> "en");
        registry.add("crm.notification.directory.users[agent.dir].zone", () -> "America/New_York");
        registry.add("crm.notification.directory.users[agent.dir].manager", () -> "boss.dir");
    }

    @Autowired
    protected JdbcClient db;

    @Autowired
    private KafkaListenerEndpointRegistry listeners;

    /** The intake has joined its group and holds its partitions, so a test's timeouts measure the work, not the join. */
    @BeforeEach
    void intakeReady() {
        await().atMost(Duration.ofSeconds(120)).until(() -> listeners.getListenerContainers().stream()
                .allMatch(c -> c.getAssignedPartitions() != null && !c.getAssignedPartitions().isEmpty()));
    }

    protected static String tokenOf(String user, String... roles) {
        return TestIssuer.get().token(user, List.of(roles), List.of("/service"));
    }

    /** Publishes an event as its service would; returns its ce_id. */
    protected static String publish(String topic, String type, String subject, Map<String, ?> payload) {
        return publish(topic, UUID.randomUUID().toString(), type, subject, payload);
    }

    protected static String publish(String topic, String eventId, String type, String subject, Map<String, ?> payload) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(CloudEventHeaders.SPEC_VERSION, "1.0".getBytes(StandardCharsets.UTF_8));
        headers.add(CloudEventHeaders.ID, eventId.getBytes(StandardCharsets.UTF_8));
        headers.add(CloudEventHeaders.SOURCE, "/test".getBytes(StandardCharsets.UTF_8));
        headers.add(CloudEventHeaders.TYPE, type.getBytes(StandardCharsets.UTF_8));
        headers.add(CloudEventHeaders.SUBJECT, subject.getBytes(StandardCharsets.UTF_8));
        headers.add(CloudEventHeaders.TIME, Instant.now().toString().getBytes(StandardCharsets.UTF_8));
        try {
            PRODUCER.send(new ProducerRecord<>(topic, null, subject, JSON.writeValueAsString(payload), headers)).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish " + type, e);
        }
        return eventId;
    }

    /** Saves preferences for a user straight through the API. */
    protected void preferences(String user, Map<String, Object> body) {
        var response = put(tokenOf(user, "service-agent"), "/api/v1/notifications/preferences/me", body, null);
        if (response.getStatusCode().value() != 200) {
            throw new IllegalStateException("cannot save preferences of " + user + ": " + response.getBody());
        }
    }

    protected List<Map<String, Object>> notificationsOf(String eventId) {
        return db.sql("SELECT recipient, channel, status, attempts, address, subject, body, next_attempt_at FROM notification WHERE source_event_id = ? ORDER BY recipient, channel")
                .param(eventId).query().listOfRows();
    }
}
