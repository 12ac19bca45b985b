package org.crmsuite.ticket.customer;

import java.time.Instant;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.crmsuite.platform.consume.MongoProcessedEvents;
import org.crmsuite.platform.consume.ProcessedEvents;
import org.crmsuite.platform.events.InboundEvent;
import org.crmsuite.platform.events.Topics;
import org.crmsuite.ticket.ticket.CustomerMerges;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps the customer snapshot and re-points tickets of merged customers. Idempotent: every effect is itself
 * repeatable (ordered upserts, re-pointing what still points at the loser), and the event id is recorded after it,
 * so a redelivery is skipped and a crash in between re-applies harmlessly. Unknown types and fields are ignored,
 * as the catalogue grows.
 */
@Component
class CustomerEventsListener {

    static final String CONSUMER = "ticket-service.customer-snapshot";
    private static final Logger log = LoggerFactory.getLogger(CustomerEventsListener.class);

    private final CustomerSnapshots snapshots;
    private final CustomerMerges merges;
    private final ProcessedEvents processed;
    private final JsonMapper json;

    CustomerEventsListener(CustomerSnapshots snapshots, CustomerMerges merges, ProcessedEvents processed, JsonMapper json) {
        this.snapshots = snapshots;
        this.merges = merges;
        this.processed = processed;
        this.json = json;
    }

    @KafkaListener(topics = Topics.CUSTOMER, groupId = CONSUMER)
    void on(ConsumerRecord<String, String> record) {
        InboundEvent event = InboundEvent.from(record, json);
        if (processed instanceof MongoProcessedEvents mongo && mongo.seen(CONSUMER, event.id())) {
            return;
        }
        String customerId = event.text("customerId") != null ? event.text("customerId") : event.subject();
        Instant time = event.time() != null ? event.time() : Instant.ofEpochMilli(record.timestamp());
        switch (event.type()) {
            case "crm.customer.created.v1", "crm.customer.updated.v1", "crm.customer.lifecycle-stage-changed.v1",
                 "crm.customer.archived.v1", "crm.customer.erased.v1" -> snapshots.apply(customerId, time, fields(event));
            case "crm.customer.merged.v1" -> {
                String survivor = event.text("survivorId");
                String loser = event.text("loserId");
                if (survivor == null || loser == null) {
                    log.warn("customer merge {} without survivorId/loserId: ignored", event.id());
                    break;
                }
                snapshots.apply(loser, time, new Document("status", "MERGED").append("survivorId", survivor));
                merges.repoint(loser, survivor, time);
            }
            case "crm.customer.merge-undone.v1" -> {
                String survivor = event.text("survivorId");
                String loser = event.text("loserId");
                if (survivor == null || loser == null) {
                    log.warn("undone customer merge {} without survivorId/loserId: ignored", event.id());
                    break;
                }
                snapshots.apply(loser, time, new Document("status", "ACTIVE"));
                merges.undo(loser, survivor, time);
            }
            default -> {
                return; // not for us
            }
        }
        processed.firstTime(CONSUMER, event.id());
    }

    /**
     * The fields the snapshot keeps, from whichever of them the event carries: at the top (created), in
     * {@code changes} (updated: field → new value), or as {@code toStage} (lifecycle stage changed).
     */
    private static Document fields(InboundEvent event) {
        String name = first(event, "shortName") != null ? first(event, "shortName") : first(event, "legalName");
        String stage = first(event, "lifecycleStage") != null ? first(event, "lifecycleStage") : event.text("toStage");
        String status = first(event, "status");
        if (status == null && event.type().equals("crm.customer.archived.v1")) {
            status = "ARCHIVED";
        }
        if (status == null && event.type().equals("crm.customer.erased.v1")) {
            status = "ERASED";
        }
        return new Document("name", name).append("tier", first(event, "valueTier")).append("lifecycleStage", stage)
                .append("status", status);
    }

    private static String first(InboundEvent event, String field) {
        String top = event.text(field);
        if (top != null) {
            return top;
        }
        var changes = event.data().get("changes");
        var value = changes == null || !changes.isObject() ? null : changes.get(field);
        return value == null || value.isNull() || !value.isValueNode() ? null : value.asString();
    }
}
