package org.crmsuite.platform.it.mongo;

import java.util.ArrayList;
import java.util.List;

import org.bson.Document;
import org.crmsuite.platform.events.IntegrationEvent;
import org.crmsuite.platform.outbox.PendingEvents;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/** A tiny MongoDB service: the change and its event are one single-document write, as in ticket-service. */
@SpringBootApplication
public class BoardsApp {

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
    public static class Boards {
        private final MongoTemplate mongo;
        private final PendingEvents pending;

        Boards(MongoTemplate mongo, PendingEvents pending) {
            this.mongo = mongo;
            this.pending = pending;
        }

        public void create(String id, String text) {
            List<Document> events = new ArrayList<>(List.of(pending.pending(new NoteWritten(id, text))));
            mongo.insert(new Document("_id", id).append("text", text).append(PendingEvents.FIELD, events), "boards");
        }

        public void edit(String id, String text) {
            mongo.updateFirst(Query.query(Criteria.where("_id").is(id)),
                    new Update().set("text", text).push(PendingEvents.FIELD, pending.pending(new NoteWritten(id, text))), "boards");
        }
    }
}
