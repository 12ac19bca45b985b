package org.crmsuite.platform.outbox;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.bson.Document;
import org.crmsuite.platform.events.EventEnvelope;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Moves pending events out of MongoDB documents into Kafka: for each document that has some, publish them in order,
 * then pull exactly those (by id) from the document, so events added meanwhile stay. A crash between the two
 * publishes them again; consumers deduplicate on the event id.
 */
public class MongoOutboxRelay extends RelayLoop {

    private final MongoTemplate mongo;
    private final EventPublisher publisher;
    private final OutboxProperties properties;
    private final Counter published;

    public MongoOutboxRelay(MongoTemplate mongo, EventPublisher publisher, OutboxProperties properties, MeterRegistry meters) {
        super(properties);
        this.mongo = mongo;
        this.publisher = publisher;
        this.properties = properties;
        this.published = Counter.builder("crm.outbox.published").description("events published to Kafka").register(meters);
    }

    @Override
    protected String name() {
        return "pending-event-relay";
    }

    @Override
    protected boolean relayRound() {
        boolean more = false;
        for (String collection : properties.mongoCollections()) {
            Query withPending = new Query(Criteria.where(PendingEvents.FIELD + ".0").exists(true)).limit(properties.batchSize());
            withPending.fields().include(PendingEvents.FIELD);
            List<Document> documents = mongo.find(withPending, Document.class, collection);
            for (Document document : documents) {
                relay(collection, document);
            }
            more |= documents.size() == properties.batchSize();
        }
        return more;
    }

    private void relay(String collection, Document document) {
        List<Document> pending = document.getList(PendingEvents.FIELD, Document.class);
        List<CompletableFuture<?>> sends = new ArrayList<>(pending.size());
        List<String> ids = new ArrayList<>(pending.size());
        for (Document event : pending) {
            EventEnvelope envelope = PendingEvents.fromDocument(event);
            sends.add(publisher.publishQuietly(envelope));
            ids.add(envelope.id().toString());
        }
        try {
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(sendTimeoutMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            sends.forEach(send -> send.cancel(false));
            publisher.resetProducer();
            throw new IllegalStateException("Kafka did not acknowledge the events of " + collection + "/" + document.get("_id"), e);
        }
        Update pull = new Update().pull(PendingEvents.FIELD, new Document("id", new Document("$in", ids)));
        mongo.updateFirst(new Query(Criteria.where("_id").is(document.get("_id"))), pull, collection);
        published.increment(ids.size());
    }
}
