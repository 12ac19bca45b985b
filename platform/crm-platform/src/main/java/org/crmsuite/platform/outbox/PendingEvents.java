package org.crmsuite.platform.outbox;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import org.bson.Document;
import org.crmsuite.platform.events.EventEnvelope;
import org.crmsuite.platform.events.EventEnvelopeFactory;
import org.crmsuite.platform.events.IntegrationEvent;

/**
 * The MongoDB outbox: events wait inside the document that changed, in the field {@value #FIELD}, written by the
 * same single-document write as the change (atomic without multi-document transactions). The relay publishes them
 * and pulls them out. A document class keeps a {@code List<Document> pendingEvents} and adds to it through here.
 */
public class PendingEvents {

    public static final String FIELD = "pendingEvents";

    private final EventEnvelopeFactory envelopes;

    public PendingEvents(EventEnvelopeFactory envelopes) {
        this.envelopes = envelopes;
    }

    /** The pending-event sub-document for this event, to append to the changed document's {@value #FIELD}. */
    public Document pending(IntegrationEvent event) {
        return toDocument(envelopes.envelope(event));
    }

    public List<Document> pending(List<? extends IntegrationEvent> events) {
        List<Document> documents = new ArrayList<>(events.size());
        events.forEach(event -> documents.add(pending(event)));
        return documents;
    }

    public static Document toDocument(EventEnvelope e) {
        return new Document("id", e.id().toString())
                .append("topic", e.topic())
                .append("type", e.type())
                .append("source", e.source())
                .append("subject", e.subject())
                .append("time", Date.from(e.time()))
                .append("dataSchema", e.dataSchema())
                .append("payload", e.payload())
                .append("traceparent", e.traceparent());
    }

    public static EventEnvelope fromDocument(Document d) {
        return new EventEnvelope(UUID.fromString(d.getString("id")), d.getString("topic"), d.getString("type"),
                d.getString("source"), d.getString("subject"), d.getDate("time").toInstant(), d.getString("dataSchema"),
                d.getString("payload"), d.getString("traceparent"));
    }
}
