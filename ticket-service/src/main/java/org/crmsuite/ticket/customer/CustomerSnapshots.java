package org.crmsuite.ticket.customer;

import java.time.Instant;
import java.util.Optional;

import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The local copy of what tickets need about customers (name, tier, stage, status), fed by customer events, so a
 * ticket opens while customer-service is down. Each write is idempotent and ordered by the event time: an older
 * event (a redelivery, or one that overtook another) never overwrites a newer state.
 */
@Component
public class CustomerSnapshots {

    static final String COLLECTION = "customer_snapshots";

    private final MongoTemplate mongo;

    CustomerSnapshots(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public Optional<CustomerInfo> find(String customerId) {
        Document d = mongo.findById(customerId, Document.class, COLLECTION);
        return Optional.ofNullable(d).map(doc -> new CustomerInfo(customerId, doc.getString("name"), doc.getString("tier"),
                doc.getString("lifecycleStage"), doc.getString("status"), doc.getString("survivorId")));
    }

    /** Sets the given fields (nulls are left out: an update event carries only what changed) if the event is newer. */
    public void apply(String customerId, Instant eventTime, Document fields) {
        Document set = new Document();
        fields.forEach((k, v) -> {
            if (v != null) {
                set.append(k, v);
            }
        });
        set.append("asOf", java.util.Date.from(eventTime));
        Update update = new Update();
        set.forEach(update::set);
        Query older = Query.query(Criteria.where("_id").is(customerId).orOperator(
                Criteria.where("asOf").lt(java.util.Date.from(eventTime)), Criteria.where("asOf").exists(false)));
        if (mongo.updateFirst(older, update, COLLECTION).getMatchedCount() == 1) {
            return;
        }
        try {
            mongo.insert(new Document(set).append("_id", customerId), COLLECTION);
        } catch (DuplicateKeyException e) {
            // A newer (or the same) event got there first: nothing to do.
        }
    }
}
