package org.crmsuite.platform.consume;

import java.util.Date;

import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * MongoDB: one document per (consumer, event id) in {@value #COLLECTION}; the unique {@code _id} turns a repeat into
 * a duplicate-key error. Without a multi-document transaction the effect and this record cannot commit together,
 * so MongoDB consumers write effects that are themselves idempotent (upserts keyed by the event or aggregate) and
 * call this after the effect: a crash in between re-applies an idempotent effect, never loses one.
 */
public class MongoProcessedEvents implements ProcessedEvents {

    public static final String COLLECTION = "processed_events";

    private final MongoTemplate mongo;

    public MongoProcessedEvents(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public boolean firstTime(String consumer, String eventId) {
        try {
            mongo.insert(new Document("_id", consumer + ":" + eventId).append("at", new Date()), COLLECTION);
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    /** True when the event was already applied, without recording anything. */
    public boolean seen(String consumer, String eventId) {
        return mongo.getCollection(COLLECTION).countDocuments(new Document("_id", consumer + ":" + eventId)) > 0;
    }
}
