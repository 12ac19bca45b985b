package org.crmsuite.platform.it.consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.crmsuite.platform.consume.ProcessedEvents;
import org.crmsuite.platform.events.InboundEvent;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

/** Another service that applies the notes' events, idempotently, as every consumer does. */
@SpringBootApplication
public class NotesConsumerApp {

    public static final String CONSUMER = "notes-consumer";

    @Component
    public static class NoteWrittenListener {
        private final JdbcClient jdbc;
        private final ProcessedEvents processed;
        private final JsonMapper json;

        NoteWrittenListener(JdbcClient jdbc, ProcessedEvents processed, JsonMapper json) {
            this.jdbc = jdbc;
            this.processed = processed;
            this.json = json;
        }

        @KafkaListener(topics = "crm.test.notes", groupId = CONSUMER)
        @Transactional
        public void on(ConsumerRecord<String, String> record) {
            InboundEvent event = InboundEvent.from(record, json);
            if (!processed.firstTime(CONSUMER, event.id())) {
                return;
            }
            if ("poison".equals(event.text("text"))) {
                throw new IllegalStateException("cannot apply note " + event.text("noteId") + ": poison");
            }
            jdbc.sql("INSERT INTO applied_note (event_id, note_id) VALUES (?, ?)").params(event.id(), event.text("noteId")).update();
            jdbc.sql("UPDATE note_counter SET applied = applied + 1 WHERE id = 1").update();
        }
    }
}
