package org.crmsuite.platform.it;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.crmsuite.platform.events.CloudEventHeaders;
import org.crmsuite.platform.events.InboundEvent;
import org.crmsuite.platform.it.consumer.NotesConsumerApp;
import org.crmsuite.platform.test.EventProbe;
import org.crmsuite.platform.test.SharedKafka;
import org.crmsuite.platform.test.SharedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.crmsuite.platform.it.TestApps.MONGO_AUTOCONFIG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Foundation test 2: a record that keeps failing lands in the dead-letter topic with the error, and the records
 * after it are still consumed; a record that can never be read goes there at once.
 */
class DeadLetterIT {

    private static final String TOPIC = "crm.test.notes";
    private static ConfigurableApplicationContext consumer;

    @BeforeAll
    static void start() {
        consumer = new SpringApplicationBuilder(NotesConsumerApp.class).web(WebApplicationType.NONE).properties(Map.of(
                "spring.application.name", "notes-consumer",
                "spring.datasource.url", SharedPostgres.newDatabase("dead_letter"),
                "spring.datasource.username", SharedPostgres.username(),
                "spring.kafka.bootstrap-servers", SharedKafka.bootstrapServers(),
                "crm.consumer.retry.attempts", "3",
                "crm.consumer.retry.initial-backoff", "50ms",
                "logging.structured.format.console", "",
                // a JDBC service: the MongoDB starter is on this module's classpath only for the shared test support
                "spring.autoconfigure.exclude", MONGO_AUTOCONFIG)).run();
    }

    @AfterAll
    static void stop() {
        if (consumer != null) {
            consumer.close();
        }
    }

    @Test
    void aPoisonRecordIsDeadLetteredAndTheNextOnesAreConsumed() {
        String poisonId = UUID.randomUUID().toString();
        String notJsonId = UUID.randomUUID().toString();
        String afterId = UUID.randomUUID().toString();
        // Same key, so same partition: the record after the poison one really waits behind it.
        send(poisonId, "{\"noteId\":\"p-1\",\"text\":\"poison\"}");
        send(notJsonId, "this is not JSON");
        send(afterId, "{\"noteId\":\"p-2\",\"text\":\"fine\"}");

        JdbcClient db = consumer.getBean(JdbcClient.class);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                db.sql("SELECT count(*) FROM applied_note WHERE note_id = 'p-2'").query(Long.class).single() == 1);
        assertThat(db.sql("SELECT count(*) FROM applied_note WHERE note_id = 'p-1'").query(Long.class).single()).isZero();

        try (EventProbe probe = EventProbe.onSharedKafka(TOPIC + ".DLT")) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                var records = probe.records();
                ConsumerRecord<String, String> poison = find(records, poisonId);
                ConsumerRecord<String, String> notJson = find(records, notJsonId);
                assertThat(poison).isNotNull();
                assertThat(notJson).isNotNull();
                assertThat(header(poison, "kafka_dlt-exception-message")).contains("poison");
                assertThat(header(notJson, "kafka_dlt-exception-message")).contains("not JSON");
                assertThat(header(poison, "kafka_dlt-original-topic")).isEqualTo(TOPIC);
            });
        }
    }

    private static ConsumerRecord<String, String> find(java.util.List<ConsumerRecord<String, String>> records, String id) {
        return records.stream().filter(r -> id.equals(InboundEvent.header(r, CloudEventHeaders.ID))).findFirst().orElse(null);
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return InboundEvent.header(record, name);
    }

    private static void send(String id, String value) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
            ProducerRecord<String, String> record = new ProducerRecord<>(TOPIC, "same-key", value);
            record.headers().add(CloudEventHeaders.ID, id.getBytes(StandardCharsets.UTF_8));
            record.headers().add(CloudEventHeaders.TYPE, "crm.test.note-written.v1".getBytes(StandardCharsets.UTF_8));
            producer.send(record);
        }
    }
}
