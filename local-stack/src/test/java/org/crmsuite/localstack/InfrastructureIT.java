package org.crmsuite.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * The local stack's infrastructure, started through the same code path as {@code crm-local --infra-only} on a new
 * state folder: PostgreSQL with the services' databases, Kafka with the suite's topics, the MongoDB wire server,
 * GreenMail, and Keycloak with the crm realm handing out real tokens. Then a restart on the same folder keeps the data,
 * and every stop leaves no process behind. Needs no service jar.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InfrastructureIT {

    /** Generous: CI machines have two cores, and other builds may share them. */
    static final Duration IT_START_TIMEOUT = Duration.ofMinutes(8);

    private static final String MARKER = "written-before-restart-" + UUID.randomUUID();

    private Path stateFolder;
    private LocalStack stack;

    @BeforeAll
    void startInfrastructure() throws IOException {
        stateFolder = Files.createTempDirectory("crm-local-infra-");
        stack = startOrReport(options());
        assertThat(stack.state().isFresh()).isTrue();
    }

    @AfterAll
    void stop() throws IOException {
        if (stack != null) {
            stack.close();
        }
        StateFolder.delete(stateFolder);
    }

    private LocalStackOptions options() {
        return LocalStackOptions.defaults(LocalStackOptions.findRepository(Path.of("")))
                .withStateFolder(stateFolder)
                .withServices(false)
                .withStartTimeout(IT_START_TIMEOUT);
    }

    @Test
    @Order(1)
    void postgresHasTheServicesDatabases() throws SQLException {
        for (String database : Endpoints.POSTGRES_DATABASES) {
            try (Connection connection = DriverManager.getConnection(Endpoints.jdbcUrl(database), "postgres", "");
                 Statement statement = connection.createStatement();
                 ResultSet encoding = statement.executeQuery("SELECT pg_encoding_to_char(encoding) FROM pg_database WHERE datname = current_database()")) {
                assertThat(encoding.next()).isTrue();
                assertThat(encoding.getString(1)).isEqualTo("UTF8");
            }
        }
        try (Connection connection = DriverManager.getConnection(Endpoints.jdbcUrl("customer"), "postgres", "");
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE restart_check (marker text)");
            statement.execute("INSERT INTO restart_check VALUES ('" + MARKER + "'), ('客户')");
        }
    }

    @Test
    @Order(2)
    void kafkaHasEveryTopicAndItsDeadLetterTwinWithThreePartitions() throws Exception {
        List<String> expected = new ArrayList<>();
        for (String topic : Endpoints.TOPICS) {
            expected.add(topic);
            expected.add(topic + ".DLT");
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Endpoints.KAFKA_BOOTSTRAP))) {
            Map<String, TopicDescription> topics = admin.describeTopics(expected).allTopicNames().get(30, TimeUnit.SECONDS);
            assertThat(topics).hasSize(12);
            topics.values().forEach(topic -> assertThat(topic.partitions()).as(topic.name()).hasSize(3));
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Endpoints.KAFKA_BOOTSTRAP,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("crm.customer.events", "customer-1", MARKER)).get(30, TimeUnit.SECONDS);
        }
        assertThat(readAll("crm.customer.events")).contains(MARKER);
    }

    @Test
    @Order(3)
    void mongoWireServerStoresDocuments() {
        try (MongoClient client = MongoClients.create(Endpoints.mongoUri("ticket"))) {
            client.getDatabase("ticket").getCollection("restart_check").insertOne(new Document("marker", MARKER).append("subject", "打印机坏了"));
            Document stored = client.getDatabase("ticket").getCollection("restart_check").find(new Document("marker", MARKER)).first();
            assertThat(stored).isNotNull();
            assertThat(stored.getString("subject")).isEqualTo("打印机坏了");
        }
    }

    @Test
    @Order(4)
    void greenMailAcceptsAnyRecipientAndHandsTheMailBackOverImap() throws Exception {
        Properties smtp = new Properties();
        smtp.put("mail.smtp.host", Endpoints.HOST);
        smtp.put("mail.smtp.port", String.valueOf(Endpoints.SMTP));
        MimeMessage message = new MimeMessage(Session.getInstance(smtp));
        message.setFrom(new InternetAddress("crm@crm.example.com"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress("agent@crm.example.com"));
        message.setSubject("工单 T-1 已分配给您", "UTF-8");
        message.setText("Ticket T-1 is yours.", "UTF-8");
        Transport.send(message);

        Properties imap = new Properties();
        imap.put("mail.imap.host", Endpoints.HOST);
        imap.put("mail.imap.port", String.valueOf(Endpoints.IMAP));
        Store store = Session.getInstance(imap).getStore("imap");
        store.connect("agent@crm.example.com", "any password");
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            assertThat(inbox.getMessages()).extracting(Message::getSubject).contains("工单 T-1 已分配给您");
            inbox.close(false);
        } finally {
            store.close();
        }
    }

    @Test
    @Order(5)
    void keycloakGivesEveryDemoUserATokenWithRolesGroupsAndTheApiAudience() {
        KeycloakTokens tokens = KeycloakTokens.local();
        Map<String, String[]> expected = Map.of(
                "admin", new String[] {"crm-admin", "/it"},
                "rep", new String[] {"sales-rep", "/sales/east"},
                "rep.west", new String[] {"sales-rep", "/sales/west"},
                "sales.manager", new String[] {"sales-manager", "/sales/east"},
                "agent", new String[] {"service-agent", "/service/tier-1"},
                "service.manager", new String[] {"service-manager", "/service/tier-1"},
                "marketer", new String[] {"marketing", "/marketing"},
                "steward", new String[] {"data-steward", "/data-office"},
                "analyst", new String[] {"analyst", "/analytics"});
        assertThat(DemoUser.fromRealm()).extracting(DemoUser::username).containsExactlyInAnyOrderElementsOf(expected.keySet());

        for (Map.Entry<String, String[]> user : expected.entrySet()) {
            JsonNode claims = tokens.passwordGrant(Endpoints.WEB_CLIENT, user.getKey(), "demo").claims();
            assertThat(claims.path("iss").asString()).isEqualTo(Endpoints.realmIssuer().toString());
            assertThat(claims.path("preferred_username").asString()).isEqualTo(user.getKey());
            assertThat(strings(claims.path("realm_access").path("roles"))).as(user.getKey()).containsExactly(user.getValue()[0]);
            assertThat(strings(claims.path("groups"))).as(user.getKey()).containsExactly(user.getValue()[1]);
            assertThat(audiences(claims)).as(user.getKey()).contains("crm-api");
            assertThat(claims.path("email_verified").asBoolean()).isTrue();
            assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(900);
        }
    }

    @Test
    @Order(6)
    void keycloakGivesTheIntegrationClientATokenWithTheIntegrationRole() {
        JsonNode claims = KeycloakTokens.local()
                .clientCredentials(Endpoints.INTEGRATION_CLIENT, Endpoints.INTEGRATION_CLIENT_SECRET).claims();
        assertThat(strings(claims.path("realm_access").path("roles"))).containsExactly("integration");
        assertThat(audiences(claims)).contains("crm-api");
        assertThat(claims.path("azp").asString()).isEqualTo("crm-integration");
    }

    @Test
    @Order(7)
    void keycloakAdminConsoleAcceptsTheBootstrapAdmin() {
        KeycloakTokens master = new KeycloakTokens(java.net.URI.create(Endpoints.keycloak() + "/realms/master/protocol/openid-connect/token"));
        assertThat(master.passwordGrant("admin-cli", Endpoints.ADMIN_USER, Endpoints.ADMIN_PASSWORD).value()).isNotBlank();
    }

    @Test
    @Order(10)
    void restartKeepsTheDataAndNoStopLeavesAProcessBehind() throws Exception {
        List<ProcessHandle> first = stack.startedProcesses();
        assertThat(first).isNotEmpty(); // the postmaster and Keycloak's JVM at least
        stack.close();
        assertNoProcessLeft(first);

        stack = startOrReport(options());
        assertThat(stack.state().isFresh()).isFalse();

        try (Connection connection = DriverManager.getConnection(Endpoints.jdbcUrl("customer"), "postgres", "");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT marker FROM restart_check ORDER BY marker")) {
            List<String> markers = new ArrayList<>();
            while (rows.next()) {
                markers.add(rows.getString(1));
            }
            assertThat(markers).containsExactlyInAnyOrder(MARKER, "客户");
        }
        assertThat(readAll("crm.customer.events")).contains(MARKER);
        try (MongoClient client = MongoClients.create(Endpoints.mongoUri("ticket"))) {
            assertThat(client.getDatabase("ticket").getCollection("restart_check").find(new Document("marker", MARKER)).first()).isNotNull();
        }
        assertThat(KeycloakTokens.local().forDemoUser("rep").claims().path("preferred_username").asString()).isEqualTo("rep");

        List<ProcessHandle> second = stack.startedProcesses();
        stack.close();
        assertNoProcessLeft(second);
        stack = null;
    }

    /** Starts the stack like crm-local does; a part that fails shows up with the tail of its log (the folder is deleted after). */
    static LocalStack startOrReport(LocalStackOptions options) {
        try {
            return LocalStack.start(options, System.out);
        } catch (StartupFailure failure) {
            throw new AssertionError(failure.report(60), failure);
        }
    }

    static void assertNoProcessLeft(List<ProcessHandle> started) {
        await("every process the stack started has exited").atMost(Duration.ofSeconds(30))
                .until(() -> started.stream().noneMatch(ProcessHandle::isAlive));
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList())
                .as("child processes of the test JVM").isEmpty();
    }

    /** Every value on the topic, from the beginning. */
    private static List<String> readAll(String topic) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Endpoints.KAFKA_BOOTSTRAP);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "infrastructure-it-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(Set.of(topic));
            await("the record written before").atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
                return values.contains(MARKER);
            });
        }
        return values;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asString()));
        return values;
    }

    private static List<String> audiences(JsonNode claims) {
        JsonNode aud = claims.path("aud");
        return aud.isArray() ? strings(aud) : List.of(aud.asString());
    }
}
