package org.crmsuite.platform.it;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.crmsuite.platform.events.InboundEvent;
import org.crmsuite.platform.it.mongo.BoardsApp;
import org.crmsuite.platform.outbox.PendingEvents;
import org.crmsuite.platform.test.EventProbe;
import org.crmsuite.platform.test.SharedKafka;
import org.crmsuite.platform.test.SharedMongo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The MongoDB outbox: events wait inside the changed document and reach Kafka in order, also when Kafka was away
 * while the changes were made; published events are pulled from the document.
 */
class MongoOutboxRelayIT {

    private static SharedKafka.Outage kafka;
    private static ConfigurableApplicationContext app;

    @BeforeAll
    static void start() {
        kafka = SharedKafka.behindProxy();
        app = new SpringApplicationBuilder(BoardsApp.class).web(WebApplicationType.NONE).properties(Map.of(
                "spring.application.name", "boards",
                "spring.mongodb.uri", SharedMongo.newDatabaseUri("boards"),
                "spring.kafka.bootstrap-servers", kafka.bootstrapServers(),
                "crm.outbox.mongo-collections", "boards",
                "crm.outbox.poll-interval", "200ms",
                "crm.outbox.max-backoff", "1s",
                "crm.outbox.send-timeout", "3s",
                "logging.structured.format.console", "",
                "spring.autoconfigure.exclude", "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
                        + "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration")).run();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void pendingEventsReachKafkaInOrderAcrossAnOutageAndLeaveTheDocument() {
        BoardsApp.Boards boards = app.getBean(BoardsApp.Boards.class);
        boards.create("b-1", "first");
        awaitNoPending("b-1");

        kafka.proxy().cut();
        boards.edit("b-1", "second");
        boards.edit("b-1", "third");
        boards.create("b-2", "other");
        assertThat(pending("b-1")).hasSize(2);

        kafka.proxy().restore();
        awaitNoPending("b-1");
        awaitNoPending("b-2");

        try (EventProbe probe = new EventProbe(kafka.bootstrapServers(), BoardsApp.TOPIC)) {
            probe.awaitEvent("crm.test.note-written.v1", "b-2");
            List<String> texts = probe.events().stream().filter(e -> "b-1".equals(e.subject()))
                    .map(e -> e.text("text")).distinct().toList();
            assertThat(texts).containsExactly("first", "second", "third");
            probe.assertAllMatchTheirSchemas();
            assertThat(probe.events()).extracting(InboundEvent::source).containsOnly("/boards");
        }
    }

    private static List<Document> pending(String id) {
        Document board = app.getBean(MongoTemplate.class).findById(id, Document.class, "boards");
        return board.getList(PendingEvents.FIELD, Document.class);
    }

    private static void awaitNoPending(String id) {
        await().atMost(Duration.ofSeconds(30)).until(() -> pending(id).isEmpty());
    }
}
