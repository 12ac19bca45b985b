package org.crmsuite.platform.it;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.crmsuite.platform.events.CloudEventHeaders;
import org.crmsuite.platform.it.consumer.NotesConsumerApp;
import org.crmsuite.platform.it.producer.NotesProducerApp;
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
import static org.crmsuite.platform.it.TestApps.MONGO_AUTOCONFIG;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Foundation test 1: an event written through the outbox reaches a consumer in another service exactly once in
 * effect. Two applications, each with its own PostgreSQL database, and a real Kafka broker that is stopped while
 * writes happen and started again later.
 */
class OutboxDeliveryIT {

    private static SharedKafka.Outage kafka;
    private static ConfigurableApplicationContext producer;
    private static ConfigurableApplicationContext consumer;

    @BeforeAll
    static void start() throws Exception {
        kafka = SharedKafka.behindProxy();
        producer = app(NotesProducerApp.class, "notes-producer");
        consumer = app(NotesConsumerApp.class, "notes-consumer");
    }

    @AfterAll
    static void stop() {
        if (consumer != null) {
            consumer.close();
        }
        if (producer != null) {
            producer.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    private static ConfigurableApplicationContext app(Class<?> type, String name) {
        return new SpringApplicationBuilder(type).web(WebApplicationType.NONE).properties(Map.of(
                "spring.application.name", name,
                "spring.datasource.url", SharedPostgres.newDatabase(name),
                "spring.datasource.username", SharedPostgres.username(),
                "spring.kafka.bootstrap-servers", kafka.bootstrapServers(),
                "crm.outbox.poll-interval", "200ms",
                "crm.outbox.max-backoff", "1s",
                "crm.outbox.send-timeout", "3s",
                "logging.structured.format.console", "",
                // a JDBC service: the MongoDB starter is on this module's classpath only for the shared test support
                "spring.autoconfigure.exclude", MONGO_AUTOCONFIG)).run();
    }

    @Test
    void eventsWrittenWhileKafkaIsDownArriveOnceItIsBack() {
        notes().write("n-before", "written while Kafka is up");
        awaitApplied("n-before");

        kafka.proxy().cut();
        List<String> during = IntStream.range(0, 20).mapToObj(i -> "n-outage-" + i).toList();
        during.forEach(id -> notes().write(id, "written while Kafka is down: " + id));
        // The writes succeeded and their events wait in the outbox.
        assertThat(producerDb().sql("SELECT count(*) FROM note").query(Long.class).single()).isEqualTo(21);
        assertThat(unpublished()).isEqualTo(20);

        kafka.proxy().restore();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(consumerDb().sql("SELECT note_id FROM applied_note WHERE note_id LIKE 'n-outage-%'")
                        .query(String.class).list()).containsExactlyInAnyOrderElementsOf(during));
        assertThat(unpublished()).isZero();
        assertThat(appliedCount()).isEqualTo(appliedRows());

        try (EventProbe probe = new EventProbe(kafka.bootstrapServers(), NotesProducerApp.TOPIC)) {
            probe.awaitEvent("crm.test.note-written.v1", "n-outage-19");
            probe.assertAllMatchTheirSchemas();
        }
    }

    @Test
    void aRedeliveredEventTakesEffectOnce() {
        notes().write("n-twice", "delivered twice");
        awaitApplied("n-twice");
        int before = appliedCount();

        // Kafka redelivers the very same record (same ce_id): the consumer skips it.
        String eventId = producerDb().sql("SELECT event_id::text FROM outbox_event WHERE subject = 'n-twice'").query(String.class).single();
        try (KafkaProducer<String, String> raw = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 2; i++) {
                ProducerRecord<String, String> again = new ProducerRecord<>(NotesProducerApp.TOPIC, "n-twice",
                        "{\"noteId\":\"n-twice\",\"text\":\"delivered twice\"}");
                again.headers().add(CloudEventHeaders.ID, eventId.getBytes(StandardCharsets.UTF_8));
                again.headers().add(CloudEventHeaders.TYPE, "crm.test.note-written.v1".getBytes(StandardCharsets.UTF_8));
                raw.send(again);
            }
            // A marker after the repeats: once it is applied, the repeats were consumed too (same key, same partition).
            notes().write("n-twice-marker", "after the repeats");
        }
        awaitApplied("n-twice-marker");

        assertThat(consumerDb().sql("SELECT count(*) FROM applied_note WHERE note_id = 'n-twice'").query(Long.class).single()).isEqualTo(1);
        assertThat(appliedCount()).isEqualTo(before + 1);
    }

    @Test
    void aRolledBackChangeNeverPublishesItsEvent() {
        assertThatThrownBy(() -> notes().writeThenFail("n-rolled-back", "never")).isInstanceOf(IllegalStateException.class);
        assertThat(producerDb().sql("SELECT count(*) FROM note WHERE id = 'n-rolled-back'").query(Long.class).single()).isZero();
        assertThat(producerDb().sql("SELECT count(*) FROM outbox_event WHERE subject = 'n-rolled-back'").query(Long.class).single()).isZero();
    }

    private static NotesProducerApp.Notes notes() {
        return producer.getBean(NotesProducerApp.Notes.class);
    }

    private static JdbcClient producerDb() {
        return producer.getBean(JdbcClient.class);
    }

    private static JdbcClient consumerDb() {
        return consumer.getBean(JdbcClient.class);
    }

    private static long unpublished() {
        return producerDb().sql("SELECT count(*) FROM outbox_event WHERE published_at IS NULL").query(Long.class).single();
    }

    private static int appliedCount() {
        return consumerDb().sql("SELECT applied FROM note_counter WHERE id = 1").query(Integer.class).single();
    }

    private static int appliedRows() {
        return consumerDb().sql("SELECT count(*) FROM applied_note").query(Integer.class).single();
    }

    private static void awaitApplied(String noteId) {
        await().atMost(Duration.ofSeconds(30)).until(() ->
                consumerDb().sql("SELECT count(*) FROM applied_note WHERE note_id = ?").param(noteId).query(Long.class).single() > 0);
    }
}
