package org.crmsuite.platform.it.producer;

import org.crmsuite.platform.events.IntegrationEvent;
import org.crmsuite.platform.outbox.Outbox;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A tiny service that writes notes and tells the world through the outbox, as every PostgreSQL service does. */
@SpringBootApplication
public class NotesProducerApp {

    public static final String TOPIC = "crm.test.notes";

    public record NoteWritten(String noteId, String text) implements IntegrationEvent {
        @Override
        public String eventType() {
            return "crm.test.note-written.v1";
        }

        @Override
        public String aggregateId() {
            return noteId;
        }

        @Override
        public String topic() {
            return TOPIC;
        }
    }

    @Service
    public static class Notes {
        private final JdbcClient jdbc;
        private final Outbox outbox;

        Notes(JdbcClient jdbc, Outbox outbox) {
            this.jdbc = jdbc;
            this.outbox = outbox;
        }

        @Transactional
        public void write(String id, String text) {
            jdbc.sql("INSERT INTO note (id, text) VALUES (?, ?)").params(id, text).update();
            outbox.record(new NoteWritten(id, text));
        }

        /** Writes the note, then fails: neither the note nor its event may survive. */
        @Transactional
        public void writeThenFail(String id, String text) {
            write(id, text);
            throw new IllegalStateException("simulated failure after the write");
        }
    }
}
