package org.crmsuite.sales.invoice;

import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.crmsuite.platform.consume.ProcessedEvents;
import org.crmsuite.platform.events.EventSchemas;
import org.crmsuite.platform.events.InboundEvent;
import org.crmsuite.platform.events.InvalidEventException;
import org.crmsuite.platform.events.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads {@code finance.invoice.events} (issued, paid, overdue): every record is validated against its JSON Schema on
 * receipt, and an invalid one goes to {@code finance.invoice.events.DLT} at once with the violations as the reason. An
 * invoice naming an opportunityId updates that deal (or waits for it, see {@link InvoiceLedger}); one without it is
 * not for sales. Idempotent through {@code processed_event}, in the transaction of the effect.
 */
@Component
class InvoiceEventsListener {

    static final String CONSUMER = "sales-service.finance-invoices";
    private static final Logger log = LoggerFactory.getLogger(InvoiceEventsListener.class);

    private final InvoiceLedger ledger;
    private final ProcessedEvents processed;
    private final tools.jackson.databind.json.JsonMapper json;
    private final EventSchemas schemas = new EventSchemas();

    InvoiceEventsListener(InvoiceLedger ledger, ProcessedEvents processed, tools.jackson.databind.json.JsonMapper json) {
        this.ledger = ledger;
        this.processed = processed;
        this.json = json;
    }

    @KafkaListener(topics = Topics.FINANCE_INVOICES, groupId = CONSUMER)
    @Transactional
    public void on(ConsumerRecord<String, String> record) {
        InboundEvent event = InboundEvent.from(record, json);
        if (!event.type().startsWith("finance.invoice.")) {
            return; // not for us
        }
        schemas.requireValid(event.type(), event.data());
        String opportunity = event.text("opportunityId");
        if (opportunity == null) {
            log.debug("{} {} names no opportunity: nothing for sales", event.type(), event.id());
            return;
        }
        UUID opportunityId;
        try {
            opportunityId = UUID.fromString(opportunity);
        } catch (IllegalArgumentException e) {
            throw new InvalidEventException(event.type() + " " + event.id() + ": opportunityId is not a UUID: " + opportunity);
        }
        if (processed.firstTime(CONSUMER, event.id())) {
            ledger.apply(event.id(), event.type(), opportunityId, event.data());
        }
    }
}
