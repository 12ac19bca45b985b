package org.crmsuite.sales.customer;

import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.crmsuite.platform.consume.ProcessedEvents;
import org.crmsuite.platform.events.InboundEvent;
import org.crmsuite.platform.events.InvalidEventException;
import org.crmsuite.platform.events.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

/**
 * Follows customer-service on {@code crm.customer.events}: merges re-point the sales records of the loser to the
 * survivor; customer and contact erasures erase the lead contact data sales holds. Idempotent: the event id is recorded
 * in {@code processed_event} in the same transaction as the effect, so a redelivery is skipped. Other types are ignored.
 */
@Component
class CustomerEventsListener {

    static final String CONSUMER = "sales-service.customer-events";
    private static final Logger log = LoggerFactory.getLogger(CustomerEventsListener.class);

    private final CustomerReferences references;
    private final ProcessedEvents processed;
    private final JsonMapper json;

    CustomerEventsListener(CustomerReferences references, ProcessedEvents processed, JsonMapper json) {
        this.references = references;
        this.processed = processed;
        this.json = json;
    }

    @KafkaListener(topics = Topics.CUSTOMER, groupId = CONSUMER)
    @Transactional
    public void on(ConsumerRecord<String, String> record) {
        InboundEvent event = InboundEvent.from(record, json);
        switch (event.type()) {
            case "crm.customer.merged.v1" -> {
                UUID loser = id(event, "loserId");
                UUID survivor = id(event, "survivorId");
                if (processed.firstTime(CONSUMER, event.id())) {
                    log.info("customer {} merged into {}: {} sales records re-pointed", loser, survivor, references.repoint(loser, survivor));
                }
            }
            case "crm.customer.erased.v1", "crm.contact.erased.v1" -> {
                UUID customer = id(event, "customerId");
                if (processed.firstTime(CONSUMER, event.id())) {
                    log.info("{} for customer {}: contact data of {} leads erased", event.type(), customer, references.eraseLeadContacts(customer));
                }
            }
            default -> { } // not for us
        }
    }

    private static UUID id(InboundEvent event, String field) {
        String text = event.text(field);
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidEventException(event.type() + " " + event.id() + " has no valid " + field + ": " + text);
        }
    }
}
