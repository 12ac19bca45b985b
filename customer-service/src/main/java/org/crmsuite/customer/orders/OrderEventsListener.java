package org.crmsuite.customer.orders;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.crmsuite.platform.consume.ProcessedEvents;
import org.crmsuite.platform.events.EventSchemas;
import org.crmsuite.platform.events.InboundEvent;
import org.crmsuite.platform.events.InvalidEventException;
import org.crmsuite.platform.events.Topics;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

/**
 * Reads {@code erp.order.events}: each record is checked against the JSON Schema of its {@code ce_type} on receipt;
 * an invalid one throws {@link InvalidEventException} and the platform's error handler puts it on
 * {@code erp.order.events.DLT} at once with the violations as the reason. A placed order is applied by
 * {@link CustomerOrders}; a cancellation has no effect on the customer record (analytics takes it out of revenue).
 * Idempotent on {@code ce_id} through {@code processed_event}, in the transaction of the effect.
 */
@Component
class OrderEventsListener {

    static final String CONSUMER = "customer-service.erp-orders";
    static final String PLACED = "erp.order.placed.v1";
    static final String CANCELLED = "erp.order.cancelled.v1";

    private final CustomerOrders orders;
    private final ProcessedEvents processed;
    private final JsonMapper json;
    private final EventSchemas schemas = new EventSchemas();

    OrderEventsListener(CustomerOrders orders, ProcessedEvents processed, JsonMapper json) {
        this.orders = orders;
        this.processed = processed;
        this.json = json;
    }

    @KafkaListener(topics = Topics.ERP_ORDERS, groupId = CONSUMER)
    @Transactional
    public void on(ConsumerRecord<String, String> record) {
        InboundEvent event = InboundEvent.from(record, json);
        if (!PLACED.equals(event.type()) && !CANCELLED.equals(event.type())) {
            throw new InvalidEventException("unknown event type " + event.type() + " on " + Topics.ERP_ORDERS);
        }
        schemas.requireValid(event.type(), event.data());
        UUID customerId = customerId(event);
        if (!processed.firstTime(CONSUMER, event.id())) {
            return; // a repeat (same ce_id): applied already
        }
        if (PLACED.equals(event.type())) {
            String orderId = event.text("orderId");
            String number = event.text("orderNumber");
            orders.placed(new CustomerOrders.PlacedOrder(event.id(), orderId, number == null || number.isBlank() ? orderId : number,
                    customerId, event.text("uscc"), instant(event, "orderedAt"), event.data().toString()));
        }
    }

    private static UUID customerId(InboundEvent event) {
        String value = event.text("customerId");
        if (value == null) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidEventException(event.type() + " " + event.id() + ": customerId is not a UUID: " + value);
        }
    }

    private static Instant instant(InboundEvent event, String field) {
        try {
            return java.time.OffsetDateTime.parse(event.text(field)).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidEventException(event.type() + " " + event.id() + ": " + field + " is not an RFC 3339 date-time: " + event.text(field));
        }
    }
}
